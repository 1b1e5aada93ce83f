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
  private final String remoteClassName;
  private final String remoteMessage;

  public RemoteTaskException(String remoteClassName, String remoteMessage,
                             StackTraceElement[] remoteStackTrace, RemoteTaskException cause) {
    super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage, cause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    setStackTrace(remoteStackTrace);
  }

  /** The fully qualified class name of the exception the task threw. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The message of the exception the task threw, or {@code null}. */
  public String remoteMessage() {
    return remoteMessage;
  }
}
