package io.procpool.transport.inprocess;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The in-process workers' threads still alive: none may outlive a test, as no process may. */
final class WorkerThreadsLeft {
  private WorkerThreadsLeft() {}

  /** Waits up to {@code grace} for them to end; returns the names of those that did not. */
  static List<String> await(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> left = names();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = names();
    }
    return left;
  }

  private static List<String> names() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("procpool-inprocess-"))
        .sorted()
        .collect(Collectors.toList());
  }
}
