package io.procpool.core.internal.pool;

/**
 * What {@link io.procpool.Pool#stats()} counts of one worker, and why the pool let it go, if it
 * did: read when it leaves, to count it retired or died. Guarded by the scheduler's lock.
 */
final class WorkerTally {
  /** It said hello and its connection is attached: it counts as alive from then on. */
  boolean connected;
  /** Tasks it answered with a value. */
  long done;
  /** Tasks it answered with an exception. */
  long failed;
  void countAnswer(boolean success) {
    if (success) {
      done++;
    } else {
      failed++;
    }
  }

  /** The pool let it go because it ran its maxTasksPerChild tasks. */
  boolean didItsShare;
  /** It said it begins no more tasks (a VirtualMachineError): it left without being asked. */
  boolean unfit;
}
