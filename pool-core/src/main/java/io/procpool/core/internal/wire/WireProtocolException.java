package io.procpool.core.internal.wire;

/**
 * A frame the reader cannot make sense of: the two sides are out of step, most likely because they
 * run different builds of procpool. The connection cannot go on; its reader ends that worker.
 */
public final class WireProtocolException extends IllegalStateException {
  WireProtocolException(String message) {
    super(message);
  }
}
