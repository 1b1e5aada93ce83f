package io.procpool;

/** The pool was terminated before this task completed. */
public final class PoolTerminatedException extends RuntimeException {
  public PoolTerminatedException(String message) {
    super(message);
  }
}
