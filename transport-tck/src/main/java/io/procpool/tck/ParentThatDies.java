package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program that starts a pool, sets its workers to what its second argument says, prints their
 * pids, and waits to be killed without ever closing the pool, as a crashing application would.
 * {@link LifecycleContract} SIGKILLs it to show the workers follow. Arguments: the class name of
 * the transport's Guice module (with a public no-argument constructor), then {@code idle},
 * {@code busy} (each worker spins on the CPU) or {@code sleeping} (each worker's task sleeps).
 */
public final class ParentThatDies {
  private ParentThatDies() {}

  /**
   * Starts the pool, reports its workers' pids on a {@code WORKERS} line, and waits to be killed.
   *
   * @param args the program's arguments, as the class comment lists them
   * @throws Exception if the module cannot be made or the pool fails, which ends the program
   */
  public static void main(String[] args) throws Exception {
    Module module = (Module) Class.forName(args[0]).getConstructor().newInstance();
    Pool pool = ProcessPool.builder().workers(2).transport(module).build();
    List<Long> pids = pool.map(x -> TckTasks.pidAfter(300), List.of(1, 2), 1);
    switch (args[1]) {
      case "idle" -> { }
      case "busy" -> {
        pool.applyAsync(FaultTasks::spinForever);
        pool.applyAsync(FaultTasks::spinForever);
      }
      case "sleeping" -> {
        pool.applyAsync(() -> TckTasks.sleepThenReturn(600_000, 1));
        pool.applyAsync(() -> TckTasks.sleepThenReturn(600_000, 2));
      }
      default -> throw new IllegalArgumentException("no such state of the workers: " + args[1]);
    }
    Thread.sleep(500); // the tasks have begun
    System.out.println("WORKERS " + pids.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.flush();
    Thread.sleep(600_000); // until killed
  }
}
