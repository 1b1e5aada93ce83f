package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A program that uses task timeouts, closes its pool, and prints the threads it has left, as
 * {@code mvn exec:java} would find them when it waits for them. {@link LifecycleContract} runs
 * it in a JVM of its own, as the JDK's delay thread, once started, never ends. Argument: the class
 * name of the transport's Guice module (with a public no-argument constructor).
 */
public final class ProgramThatTimesItsTasks {
  private ProgramThatTimesItsTasks() {}

  public static void main(String[] args) throws Exception {
    Module module = (Module) Class.forName(args[0]).getConstructor().newInstance();
    try (Pool pool = ProcessPool.builder().workers(2).transport(module).taskTimeout(Duration.ofMinutes(5)).build()) {
      pool.apply(() -> 1);
      pool.withTaskTimeout(Duration.ofMinutes(1)).map(TckTasks::square, List.of(1, 2, 3, 4), 1);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (threadNames().contains("procpool-timer") && System.nanoTime() < deadline) {
      Thread.sleep(50); // the timer's thread ends soon after the pool closed it
    }
    System.out.println("THREADS " + String.join(",", threadNames()));
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .sorted().collect(Collectors.toList());
  }
}
