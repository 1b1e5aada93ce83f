package io.procpool.examples;

/** Runs the seed's three programs one after another; README's demo command runs this. */
public final class SeedDemo {
  private SeedDemo() {}

  public static void main(String[] args) throws Exception {
    System.out.println("== 1. Pool(3): five applyAsync(workA), five apply(workB) ==");
    SeedPoolNames.main(args);
    System.out.println();
    System.out.println("== 2. Pool(1): twelve applyAsync(work, i), then get() each ==");
    SeedReturnValues.main(args);
    System.out.println();
    System.out.println("== 3. Pool(4): mapAsync(work, 0..9) ==");
    SeedMap.main(args);
  }
}
