package io.procpool;

/** The pool was terminated before this task completed. */
public final class PoolTerminatedException extends RuntimeException {
  /**
   * Creates the exception a terminated pool fails its unfinished results with.
   *
   * @param message what was terminated, and why
   */
  public PoolTerminatedException(String message) {
    super(message);
  }
}
