package io.procpool;

/**
 * A task, one of its arguments or its result could not be serialized or deserialized, or was too
 * large to travel: over the transport's frame limit, when the message says both sizes (the pool
 * refuses such a task before sending it, and a worker answers such a result with this failure
 * instead). Only that task fails; the pool and its worker go on.
 */
public final class TaskSerializationException extends RuntimeException {
  /**
   * Creates the failure of one task whose value could not travel.
   *
   * @param message which value (argument, function or result), its type, and why
   * @param cause the serializer's own exception, or {@code null}
   */
  public TaskSerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
