package io.procpool.tck;

import io.procpool.CurrentProcess;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the kit's tasks do in the workers. Static, so that lambdas capture nothing by accident. */
public final class TckTasks {
  private TckTasks() {}

  /** A record with nested collections, to show such values travel both ways. */
  public record Order(String customer, List<Integer> quantities, Map<String, Double> prices) {}

  /** An exception whose field cannot be serialized, so the parent cannot rebuild it. */
  public static final class UnrebuildableException extends RuntimeException {
    /** A plain {@code Object}, which no serializer takes: why the exception cannot travel. */
    @SuppressWarnings("unused")
    private final Object notSerializable = new Object();

    /**
     * Creates the exception.
     *
     * @param message its message
     */
    public UnrebuildableException(String message) {
      super(message);
    }
  }

  /**
   * A serializable value whose {@code readObject} has a side effect, as a deserialization gadget's
   * does: it records its token in the JVM that deserializes it.
   */
  public static final class ReadObjectSideEffect implements Serializable {
    private static final long serialVersionUID = 1;
    /** The tokens of the instances this JVM deserialized. */
    public static final Set<String> READ = ConcurrentHashMap.newKeySet();
    /** The token recorded when an instance is deserialized. */
    private final String token;

    ReadObjectSideEffect(String token) {
      this.token = token;
    }

    /**
     * Reads the instance as usual, then records its token in {@link #READ}: the side effect a
     * gadget would have.
     *
     * @param in the stream being read
     * @throws IOException if the stream cannot be read
     * @throws ClassNotFoundException if a class of the stream cannot be found
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READ.add(token);
    }
  }

  /** An exception that carries a {@link ReadObjectSideEffect}. */
  public static final class CarriesSideEffectException extends RuntimeException {
    private static final long serialVersionUID = 1;
    /** The value whose deserialization the test watches for. */
    @SuppressWarnings("unused")
    private final ReadObjectSideEffect payload;

    /**
     * Creates the exception and the value it carries.
     *
     * @param token the token of the value
     */
    public CarriesSideEffectException(String token) {
      super("carries " + token);
      this.payload = new ReadObjectSideEffect(token);
    }
  }

  /**
   * Throws a {@link CarriesSideEffectException}, which this process must not rebuild unless
   * allowed.
   *
   * @param token names this test's instances, so that tests running side by side do not mix them
   * @return nothing, as it never returns
   */
  public static Object throwCarryingSideEffect(String token) {
    throw new CarriesSideEffectException(token);
  }

  /**
   * {@code x}, or for a negative one an exception carrying a {@link ReadObjectSideEffect}.
   *
   * @param token names this test's instances, so that tests running side by side do not mix them
   * @param x the item
   * @return {@code x}, if it is not negative
   */
  public static int failCarryingSideEffect(String token, int x) {
    if (x < 0) {
      throw new CarriesSideEffectException(token);
    }
    return x;
  }

  /**
   *
   * @param x the number
   * @return {@code x * x}
   */
  public static int square(int x) {
    return x * x;
  }

  /**
   * Returns its argument.
   *
   * @param value any value
   * @return {@code value}
   */
  public static Object same(Object value) {
    return value;
  }

  /**
   *
   * @return the worker's name, from {@code CurrentProcess.name()}
   */
  public static String whoAmI() {
    return CurrentProcess.name();
  }

  /**
   *
   * @return the worker's process id
   */
  public static long pid() {
    return CurrentProcess.pid();
  }

  /**
   * Sleeps, so that every worker gets one of several such tasks, then returns the worker's pid.
   *
   * @param millis how long to sleep, in milliseconds
   * @return the worker's process id
   * @throws InterruptedException if the test is interrupted while waiting
   */
  public static long pidAfter(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return CurrentProcess.pid();
  }

  /**
   * Sleeps, so that every worker gets one of several such tasks, then returns the worker's name.
   *
   * @param millis how long to sleep, in milliseconds
   * @return the worker's name
   * @throws InterruptedException if the test is interrupted while waiting
   */
  public static String nameAfter(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return CurrentProcess.name();
  }

  /**
   * A task that takes a known time.
   *
   * @param millis how long to sleep, in milliseconds
   * @param value the value to return
   * @return {@code value}
   * @throws InterruptedException if the test is interrupted while waiting
   */
  public static int sleepThenReturn(long millis, int value) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  /**
   * Throws an {@code IllegalArgumentException} with the message {@code negative: x} for a negative
   * {@code x}.
   *
   * @param x the item
   * @return {@code x}, if it is not negative
   */
  public static int failIfNegative(int x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x;
  }

  /**
   * The square of {@code x}, except that the worker dies (exit code 9) when {@code x == fatal}.
   *
   * @param x the item
   * @param fatal the item whose task ends its worker
   * @return {@code x * x}
   */
  public static int squareOrHaltAt(int x, int fatal) {
    if (x == fatal) {
      halt(9);
    }
    return x * x;
  }

  /**
   * Returns {@code value} once the test released the latch at {@code latchPath}.
   *
   * @param latchPath the latch's file, from {@link FileLatch#path()}
   * @param value the value to return
   * @return {@code value}
   * @throws InterruptedException if the test is interrupted while waiting
   */
  public static int valueWhenReleased(String latchPath, int value) throws InterruptedException {
    FileLatch.await(latchPath);
    return value;
  }

  /**
   *
   * @param values the numbers
   * @return their sum
   */
  public static int sum(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).sum();
  }

  /**
   *
   * @param a one number
   * @param b another
   * @return the larger
   */
  public static int max(int a, int b) {
    return Math.max(a, b);
  }

  /**
   *
   * @param text the text to write
   * @param times how often
   * @return {@code text}, {@code times} times over
   */
  public static String repeat(String text, int times) {
    return text.repeat(times);
  }

  /**
   * Throws an {@code IOException}: a checked exception from a task.
   *
   * @return nothing, as it never returns
   * @throws IOException always, with the message {@code disk on fire}
   */
  public static Object throwChecked() throws IOException {
    throw new IOException("disk on fire");
  }

  /**
   * Throws an {@link UnrebuildableException}.
   *
   * @return nothing, as it never returns
   */
  public static Object throwUnrebuildable() {
    throw new UnrebuildableException("cannot come home");
  }

  /**
   * Ends the worker process at once, as a crash would.
   *
   * @param exitCode the worker's exit status
   * @return nothing, as it never returns
   */
  public static Object halt(int exitCode) {
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /**
   * Upper-cases the customer and copies the collections, so the values that come back are new ones.
   *
   * @param order the order
   * @return a new order with the customer in capitals
   */
  public static Order total(Order order) {
    return new Order(order.customer().toUpperCase(), List.copyOf(order.quantities()), Map.copyOf(order.prices()));
  }

  /**
   * Prints {@code text} on {@code System.out} and {@code err:text} on {@code System.err}.
   *
   * @param text the text to write
   * @param value the value to return
   * @return {@code value}
   */
  public static int printAndReturn(String text, int value) {
    System.out.println(text);
    System.err.println("err:" + text);
    return value;
  }

  /**
   * Writes straight to the process's descriptor 1, behind System.out's back.
   *
   * @param text the text to write
   * @return 1
   * @throws IOException if descriptor 1 cannot be written
   */
  public static int writeToRealStdout(String text) throws IOException {
    return writeToDescriptorOne(text.getBytes());
  }

  /**
   * As {@link #writeToRealStdout}, and leaves its thread interrupted, as a task does that catches
   * an {@code InterruptedException} and sets the flag again.
   *
   * @param text the text to write
   * @return 1
   * @throws IOException if descriptor 1 cannot be written
   */
  public static int writeToRealStdoutAndStayInterrupted(String text) throws IOException {
    int written = writeToRealStdout(text);
    Thread.currentThread().interrupt();
    return written;
  }

  /**
   * As {@link #writeToRealStdout}, any bytes (not closed: that would close descriptor 1).
   *
   * @param bytes the bytes to write
   * @return 1
   * @throws IOException if descriptor 1 cannot be written
   */
  public static int writeToDescriptorOne(byte[] bytes) throws IOException {
    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    out.write(bytes);
    out.flush();
    return 1;
  }

  /**
   * Alternates lines through System.out and through descriptor 1, with nothing in between: each
   * println races the worker's drainer for the raw line before it, so a wrong order shows.
   *
   * @param lines how many pairs of lines
   * @return {@code lines}
   * @throws IOException if descriptor 1 cannot be written
   */
  public static int printAlternatingWithRawWrites(int lines) throws IOException {
    for (int i = 0; i < lines; i++) {
      System.out.println("java " + i);
      writeToRealStdout("raw " + i + "\n");
    }
    return lines;
  }

  /**
   * Prints {@code lines} numbered lines on {@code System.out} while a second thread prints on
   * {@code System.err} as fast as it can: each of its printlns flushes, between this thread's text
   * and its line end as often as not, so a line sent in two pieces shows.
   *
   * @param tag what each line begins with
   * @param lines how many lines
   * @return {@code lines}
   * @throws InterruptedException if the worker interrupts the task
   */
  public static int printLinesWhileStderrFlushes(String tag, int lines) throws InterruptedException {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread stderr = new Thread(() -> {
      while (!done.get()) {
        System.err.println("tick");
      }
    });
    stderr.start();
    try {
      for (int i = 0; i < lines; i++) {
        System.out.println(tag + " " + i);
      }
    } finally {
      done.set(true);
      stderr.join();
    }
    return lines;
  }

  /**
   * Runs a shell with the worker's own standard streams ({@code inheritIO()}), as a task that runs
   * a tool does, which writes one line to each; returns the shell's exit code.
   *
   * @param text the text to write
   * @return the shell's exit code, 0
   * @throws IOException if the shell cannot be started
   * @throws InterruptedException if the worker interrupts the task
   */
  public static int runChildWithInheritedStreams(String text) throws IOException, InterruptedException {
    return new ProcessBuilder("/bin/sh", "-c", "echo \"$0\"; echo \"err:$0\" >&2", text)
        .inheritIO().start().waitFor();
  }

  /**
   * Writes a line to descriptor 1, then waits for the latch: output must get out while a task runs.
   *
   * @param text the text to write
   * @param latch the latch's file, from {@link FileLatch#path()}
   * @return 1
   * @throws IOException if descriptor 1 cannot be written
   * @throws InterruptedException if the worker interrupts the task
   */
  public static int writeRawThenAwait(String text, String latch) throws IOException, InterruptedException {
    writeToRealStdout(text);
    FileLatch.await(latch);
    return 1;
  }

  /** How often the initializer ran, per worker: keyed by name, so it also holds where workers share a JVM. */
  private static final Map<String, Integer> INITIALIZATIONS = new ConcurrentHashMap<>();

  /** An initializer: counts how often it ran in this worker. */
  public static void initialize() {
    INITIALIZATIONS.merge(CurrentProcess.name(), 1, Integer::sum);
  }

  private static final ThreadLocal<String> THREAD_STATE = ThreadLocal.withInitial(() -> "not initialized");

  /** An initializer that leaves state in its thread only, as one that opens a per-thread resource. */
  public static void initializeThisThread() {
    THREAD_STATE.set("initialized");
  }

  /**
   * What {@link #initializeThisThread} left in the calling thread.
   *
   * @return {@code initialized} on a thread the initializer ran on, else {@code not initialized}
   */
  public static String threadState() {
    return THREAD_STATE.get();
  }

  /**
   * What the initializer left behind in this worker: "yes:1" after one run, "no:0" before any.
   *
   * @return {@code yes:} or {@code no:}, then the number of runs
   */
  public static String initializationState() {
    int runs = INITIALIZATIONS.getOrDefault(CurrentProcess.name(), 0);
    return (runs > 0 ? "yes:" : "no:") + runs;
  }

  /**
   * Appends a line to a file shared by all workers, to count how often tasks ran.
   *
   * @param log the file shared by the workers, one line per run
   * @param index the line to append, which says which task ran
   * @return the name of the worker that ran it
   * @throws IOException if the log cannot be written
   */
  public static String recordRun(java.nio.file.Path log, int index) throws IOException {
    java.nio.file.Files.write(log, (index + "\n").getBytes(),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    return CurrentProcess.name();
  }

  /**
   * Starts a child process that shares this worker's standard streams and lives on, writes its
   * pid to {@code pidFile}, then ends this worker as a crash would.
   *
   * @param pidFile where the child's pid is written
   * @return nothing, as it never returns
   * @throws IOException if the child cannot be started or its pid written
   */
  public static Object haltLeavingAChildHoldingTheStreams(java.nio.file.Path pidFile) throws IOException {
    Process child = new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    java.nio.file.Files.writeString(pidFile, Long.toString(child.pid()));
    Runtime.getRuntime().halt(6);
    return null;
  }

  /**
   * As {@link #recordRun}, after sleeping.
   *
   * @param log the file shared by the workers, one line per run
   * @param index the line to append, which says which task ran
   * @param millis how long to sleep, in milliseconds
   * @return the name of the worker that ran it
   * @throws Exception if the sleep is interrupted or the log cannot be written
   */
  public static String recordRunAfter(java.nio.file.Path log, int index, long millis) throws Exception {
    Thread.sleep(millis);
    return recordRun(log, index);
  }

  /**
   * Returns its argument: a round trip of a value both ways.
   *
   * @param bytes the bytes
   * @return {@code bytes}
   */
  public static byte[] echo(byte[] bytes) {
    return bytes;
  }

  /**
   * Bytes of a known pattern, made where they are needed so that only the size travels.
   *
   * @param size how many
   * @return {@code size} bytes, byte {@code i} being {@code i * 31}
   */
  public static byte[] bytesOf(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }
}
