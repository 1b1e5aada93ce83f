package io.procpool.bench.soak;

/**
 * What a task returns: its id, so that a value can be matched to its task whatever order it
 * arrives in (imapUnordered), and a check computed from the id in the worker, so that a value
 * decoded from the wrong bytes, or given to the wrong task, is caught.
 */
public record SoakValue(long id, long check) {

  /** Any mixing function both sides agree on; a plain copy of the id would hide an off-by-one. */
  static long expectedCheck(long id) {
    long x = id * 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 31);
  }

  /** Whether this is the value the task with {@code id} must return. */
  boolean isCorrectFor(long taskId) {
    return id == taskId && check == expectedCheck(taskId);
  }
}
