package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.PoolListener;
import io.procpool.TaskEvent;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Programs that end without closing their pool, each as its own JVM, for {@link UnclosedPoolContract}.
 * Arguments: the program's name, the class name of the transport's Guice module (with a public
 * no-argument constructor), and for {@code mapUntilKilled} the java executable its workers run.
 */
public final class UnclosedPoolPrograms {
  private UnclosedPoolPrograms() {}

  /**
   * Runs the program the first argument names.
   *
   * @param args the program's arguments, as the class comment lists them
   * @throws Exception if the module cannot be made or the program fails, which ends it with a stack
   *     trace
   */
  public static void main(String[] args) throws Exception {
    Module module = (Module) Class.forName(args[1]).getConstructor().newInstance();
    switch (args[0]) {
      case "returnWithPendingTasks" -> returnWithPendingTasks(module);
      case "exitWithPendingTasks" -> exitWithPendingTasks(module);
      case "mapUntilKilled" -> mapUntilKilled(module, args[2]);
      default -> throw new IllegalArgumentException("no program named " + args[0]);
    }
  }

  /** Queues three tasks with callbacks and returns from main: the callbacks print their results. */
  private static void returnWithPendingTasks(Module module) {
    Pool pool = ProcessPool.builder().workers(2).transport(module).build();
    for (int i = 0; i < 3; i++) {
      int value = i;
      pool.applyAsync(() -> TckTasks.sleepThenReturn(300, value))
          .onSuccess(result -> System.out.println("RESULT " + result));
    }
    System.out.println("RETURNING");
  }

  /** Queues three long tasks, then calls System.exit once the first has begun. */
  private static void exitWithPendingTasks(Module module) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Pool pool = ProcessPool.builder().workers(1).transport(module).listener(startedListener(started)).build();
    for (int i = 0; i < 3; i++) {
      pool.applyAsync(() -> TckTasks.sleepThenReturn(60_000, 1));
    }
    started.await();
    System.exit(0);
  }

  /** Runs a map of long tasks on four workers, saying RUNNING once all four have begun. */
  private static void mapUntilKilled(Module module, String javaExecutable) throws Exception {
    CountDownLatch started = new CountDownLatch(4);
    Pool pool = ProcessPool.builder().workers(4).transport(module).javaExecutable(javaExecutable)
        .listener(startedListener(started)).build();
    var squares = pool.mapAsync(x -> TckTasks.sleepThenReturn(60_000, x), List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
    started.await();
    System.out.println("RUNNING");
    System.out.flush();
    squares.get();
  }

  private static PoolListener startedListener(CountDownLatch started) {
    return new PoolListener() {
      @Override
      public void taskStarted(TaskEvent event) {
        started.countDown();
      }
    };
  }
}
