package io.procpool.cluster.internal;

/** A message that {@link Sealed#open} refused; it started nothing. */
public final class SealedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  SealedMessageException(String message) {
    super(message);
  }
}
