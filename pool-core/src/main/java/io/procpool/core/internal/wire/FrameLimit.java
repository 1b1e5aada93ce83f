package io.procpool.core.internal.wire;

import io.procpool.RemoteTaskException;
import io.procpool.TaskSerializationException;
import java.util.Locale;

/**
 * The largest frame a connection's peer accepts ({@code Connection.maxFrameBytes()}), and the
 * exception for a message that would not fit in one. Both sides check before they send, as the
 * peer would end the connection, and with it the worker, over a frame too large.
 *
 * @param bytes the largest frame, in bytes
 */
public record FrameLimit(int bytes) {
  /** A connection without a limit of its transport's own. */
  public static final FrameLimit NONE = new FrameLimit(Integer.MAX_VALUE);

  /** How much of an exception's own message a refusal that names it quotes. */
  private static final int QUOTED_CHARS = 160;

  /** The limit {@code Connection.maxFrameBytes()} answered; none for a value that makes no sense. */
  public static FrameLimit of(int maxFrameBytes) {
    return maxFrameBytes > 0 ? new FrameLimit(maxFrameBytes) : NONE;
  }

  /** Whether a frame holding nothing but a message of {@code messageBytes} is within the limit. */
  public boolean admits(long messageBytes) {
    return messageBytes <= bytes;
  }

  /**
   * The exception for a message over the limit: "{@code subject} 262,189 bytes on the wire, over
   * the transport's frame limit of 65,536 bytes: {@code consequence}". Without a stack: it is the
   * core's refusal, not a failure of the user's code, and a worker must be able to send it.
   *
   * @param subject what is too large, with its verb ("the task's result is")
   */
  public TaskSerializationException refusal(String subject, long messageBytes, String consequence) {
    TaskSerializationException refusal = new TaskSerializationException(subject + " " + count(messageBytes)
        + " on the wire, over the transport's frame limit of " + count(bytes) + ": " + consequence, null);
    refusal.setStackTrace(new StackTraceElement[0]);
    return refusal;
  }

  /** "65,536 bytes". */
  public static String count(long bytes) {
    return String.format(Locale.ROOT, "%,d bytes", bytes);
  }

  /**
   * An encoded exception ({@link ThrowableCodec}) in a few words, for the refusal that stands in
   * for it when it is too large itself: its class and the start of its message, read from its
   * description, so that nothing of it is deserialized.
   */
  public static String summary(byte[] encodedException) {
    RemoteTaskException error = ThrowableCodec.description(encodedException);
    if (error == null) {
      return "an exception that cannot be read";
    }
    String type = error.remoteClassName();
    String message = error.remoteMessage();
    if (message == null) {
      return type;
    }
    return type + ": " + (message.length() <= QUOTED_CHARS ? message : message.substring(0, QUOTED_CHARS) + "…");
  }

  @Override
  public String toString() {
    return this == NONE ? "no frame limit" : "frame limit of " + count(bytes);
  }
}
