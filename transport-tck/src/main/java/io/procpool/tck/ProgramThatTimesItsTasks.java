package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A program that uses task timeouts, closes its pool, and prints the threads it has left, as
 * {@code mvn exec:java} would find them when it waits for them: it runs in a thread group of its
 * own, and exec:java waits (15 s for a daemon thread that ignores interrupts) for every thread
 * left in that group. {@link LifecycleContract} runs
 * it in a JVM of its own, as the JDK's delay thread, once started, never ends. Argument: the class
 * name of the transport's Guice module (with a public no-argument constructor).
 */
public final class ProgramThatTimesItsTasks {
  private ProgramThatTimesItsTasks() {}

  /**
   * Runs the program in a thread group of its own, then prints the threads left in that group
   * ({@code GROUP}) and in the JVM ({@code THREADS}).
   *
   * @param args the program's arguments, as the class comment lists them
   * @throws Exception if the program fails, which ends it with a stack trace
   */
  public static void main(String[] args) throws Exception {
    // As exec:java runs a program: in a thread group of its own, whose threads it then waits for.
    ThreadGroup program = new ThreadGroup("the program");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread main = new Thread(program, () -> {
      try {
        run((Module) Class.forName(args[0]).getConstructor().newInstance());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "the program's main");
    main.start();
    main.join();
    if (failure.get() != null) {
      throw new IllegalStateException("the program failed", failure.get());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!quietFor(program, 500) && System.nanoTime() < deadline) {
      Thread.sleep(50); // the timer's and callbacks' threads end soon after the pool closed them
    }
    System.out.println("GROUP " + String.join(",", threadsOf(program)));
    System.out.println("THREADS " + String.join(",", threadNames()));
  }

  private static void run(Module module) throws Exception {
    try (Pool pool = ProcessPool.builder().workers(2).transport(module).taskTimeout(Duration.ofMinutes(5)).build()) {
      pool.apply(() -> 1);
      pool.withTaskTimeout(Duration.ofMinutes(1)).map(TckTasks::square, List.of(1, 2, 3, 4), 1);
    }
  }

  /** Whether the group has no live thread now and still none {@code millis} later. */
  private static boolean quietFor(ThreadGroup group, long millis) throws InterruptedException {
    if (!threadsOf(group).isEmpty()) {
      return false;
    }
    Thread.sleep(millis);
    return threadsOf(group).isEmpty();
  }

  /** The live threads of the group and its subgroups, as exec:java would find them. */
  private static List<String> threadsOf(ThreadGroup group) {
    Thread[] threads = new Thread[group.activeCount() + 16];
    int count = group.enumerate(threads, true);
    return Arrays.stream(threads, 0, count).filter(Thread::isAlive).map(Thread::getName).sorted()
        .collect(Collectors.toList());
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .sorted().collect(Collectors.toList());
  }
}
