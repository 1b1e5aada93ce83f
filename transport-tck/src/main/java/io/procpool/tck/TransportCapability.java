package io.procpool.tck;

/**
 * Something a kit test needs from the transport under test beyond moving frames. A transport
 * that lacks one lists it in {@link TransportTestKit#unsupportedCapabilities()}; every test
 * marked {@link Requires} with it is then skipped, and the kit reports the skip at the end of the
 * class, naming the capability. Every capability is assumed supported unless listed, except
 * {@link #FRAME_LIMIT}, which needs {@link TransportTestKit#transportModuleWithFrameLimit(int)}.
 */
public enum TransportCapability {

  /**
   * Each worker is an operating-system process of its own, started from its launch spec's
   * command: its own pid and static state, which can be killed from outside by its pid, and
   * which runs the main class the spec names (the kit launches one that exits before it
   * connects). Workers that are threads of this JVM lack it, even though
   * {@code CurrentProcess.name()} names their worker.
   */
  SEPARATE_PROCESSES("each worker is a process of its own: own pid and statics, started from the spec's command"),

  /**
   * The pool can stop a task while it runs, by killing its worker: a task timeout,
   * {@code cancel(true)} of a running task, and {@code terminate()} with tasks running.
   */
  KILLS_RUNNING_TASKS("the pool stops a running task (timeout, cancel(true), terminate) by killing its worker"),

  /**
   * A task that ends its worker ({@code Runtime.halt}, {@code System.exit}, a crash) fails only
   * that task, with the worker's exit code in a {@code WorkerDiedException}, and the pool starts
   * a replacement.
   */
  ISOLATES_CRASHES("a task that halts its worker fails alone, with the exit code, and the worker is replaced"),

  /**
   * What tasks print reaches this JVM's {@code System.out} and {@code System.err} through the
   * protocol, in order and before the task's result (as over pipes). Transports whose workers
   * inherit the standard streams, or run in this JVM, lack it.
   */
  CAPTURES_OUTPUT("what tasks print reaches this JVM's System.out/err through the protocol, before the result"),

  /**
   * The transport takes a limit on one frame's size and ends a connection whose frame exceeds it.
   * Unsupported unless {@link TransportTestKit#transportModuleWithFrameLimit(int)} gives a module.
   */
  FRAME_LIMIT("a frame size limit can be set, through transportModuleWithFrameLimit"),

  /**
   * Each pool's worker JVM options, system properties, environment, working directory and java
   * executable reach its workers, and a bad option or a missing java fails clearly.
   */
  WORKER_JVM_SETTINGS("a pool's JVM options, system properties, environment, directory and java reach its workers"),

  /** A worker exits by itself when the process that started its pool dies without closing it. */
  WORKERS_EXIT_WITH_PARENT("workers exit by themselves when their parent process dies"),

  /**
   * The pool accepts its workers' connections where another local process could connect too (a
   * socket, a port), so a stranger can try to pass for a worker; the kit class says how to get
   * there with {@link TransportTestKit#impostor}, and {@link ImpostorContract} checks the stranger
   * is turned away. Transports whose channels to a worker are private from birth (inherited pipes,
   * memory) lack it: there is no door to knock on.
   */
  ACCEPTS_CONNECTIONS("the pool accepts workers' connections where another local process could connect, through impostor()");

  private final String meaning;

  TransportCapability(String meaning) {
    this.meaning = meaning;
  }

  /**
   * What a transport that has it does, in one line, for skip reports.
   *
   * @return a one-line description, as the skip report shows it
   */
  public String meaning() {
    return meaning;
  }
}
