package io.procpool;

/**
 * A task's exception that could not be rebuilt as its own type in this process: its class is
 * missing here, it could not be serialized, or it holds a type that exceptions may not bring into
 * this process (the core reads them through a deserialization filter; a pool built with
 * {@code PoolBuilder.allowInExceptions} allows more). It carries what is known of the original: the
 * class name, the message, and the stack trace as it was in the worker, which is this exception's
 * own stack trace. The remote cause, if any, is again a {@code RemoteTaskException}.
 */
public final class RemoteTaskException extends RuntimeException {
  /** The original exception's class name; kept as a string, as the class is not loadable here. */
  private final String remoteClassName;
  /** The original exception's message, or {@code null}. */
  private final String remoteMessage;

  /**
   * Stands in for a worker's exception whose own type could not be rebuilt here.
   *
   * @param remoteClassName the fully qualified class name of the original exception
   * @param remoteMessage its message, or {@code null}
   * @param remoteStackTrace its stack trace in the worker, which becomes this exception's
   * @param cause its cause, likewise stood in for, or {@code null}
   */
  public RemoteTaskException(String remoteClassName, String remoteMessage,
                             StackTraceElement[] remoteStackTrace, RemoteTaskException cause) {
    super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage, cause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    setStackTrace(remoteStackTrace);
  }

  /**
   * The fully qualified class name of the exception the task threw.
   *
   * @return the class name, such as {@code com.example.MoneyException}
   */
  public String remoteClassName() {
    return remoteClassName;
  }

  /**
   * The message of the exception the task threw.
   *
   * @return the message, or {@code null} if it had none
   */
  public String remoteMessage() {
    return remoteMessage;
  }
}
