package io.procpool;

/**
 * The pool cannot get a working worker: the initializer failed, or workers keep exiting before
 * they are ready (a bad JVM option, a missing class). Rather than restart workers forever, the
 * pool fails every waiting and later task with this exception; its cause, when there is one, is
 * the initializer's own exception.
 */
public final class WorkerStartException extends RuntimeException {
  /**
   * Creates the failure given to every task of a pool that cannot start a working worker.
   *
   * @param message why no worker could be started
   * @param cause the initializer's exception, or {@code null} when workers exited on their own
   */
  public WorkerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
