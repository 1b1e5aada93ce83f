package io.procpool.examples;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;

/**
 * The seed's first program: a pool of three, five asynchronous {@code work_a} and five blocking
 * {@code work_b}, each printing the name of the worker that ran it.
 */
public final class SeedPoolNames {
  private SeedPoolNames() {}

  static void workA() {
    Busy.spin(50_000_000);
    System.out.println("AAAAA current process: " + CurrentProcess.name());
  }

  static void workB() {
    Busy.spin(10_000_000);
    System.out.println("BBBBB current process: " + CurrentProcess.name());
  }

  public static void main(String[] args) throws Exception {
    Pool pool = ProcessPool.create(3); // a pool of three worker processes
    for (int i = 0; i < 5; i++) {
      pool.applyAsync(SeedPoolNames::workA); // returns at once; the workers run side by side
    }
    for (int i = 0; i < 5; i++) {
      pool.apply(SeedPoolNames::workB); // waits for each before submitting the next
    }
    pool.shutdown(); // Python's close(): no new tasks
    pool.join(); // wait for the workers to finish and exit
  }
}
