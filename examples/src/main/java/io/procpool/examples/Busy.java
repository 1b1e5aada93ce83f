package io.procpool.examples;

/** The seed's busy loops, written so that the JIT cannot drop them: the result is used. */
final class Busy {
  private static volatile long sink;

  private Busy() {}

  /** Spins {@code iterations} times and returns a value that depends on every step. */
  static long spin(long iterations) {
    long acc = 1;
    for (long i = 0; i < iterations; i++) {
      acc = acc * 6364136223846793005L + i; // a step the optimiser cannot fold away
    }
    sink = acc;
    return acc;
  }
}
