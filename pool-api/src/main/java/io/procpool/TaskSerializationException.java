package io.procpool;

/**
 * A task, one of its arguments or its result could not be serialized or deserialized. Only that
 * task fails; the pool goes on.
 */
public final class TaskSerializationException extends RuntimeException {
  public TaskSerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
