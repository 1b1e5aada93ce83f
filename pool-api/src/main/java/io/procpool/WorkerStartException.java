package io.procpool;

/**
 * The pool cannot get a working worker: the initializer failed, or workers keep exiting before
 * they are ready (a bad JVM option, a missing class). Rather than restart workers forever, the
 * pool fails every waiting and later task with this exception; its cause, when there is one, is
 * the initializer's own exception.
 */
public final class WorkerStartException extends RuntimeException {
  public WorkerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
