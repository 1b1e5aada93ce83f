package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream into frames at their 4-byte big-endian lengths. A length over the limit
 * fails as soon as it is read, before anything is buffered for it, with a message that names
 * the length, the limit and where the limit comes from.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  static final int LENGTH_BYTES = 4;

  private final int limit;
  private final String limitSource;

  FrameDecoder(int limit, String limitSource) {
    super(limit + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
    this.limit = limit;
    this.limitSource = limitSource;
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    long announced = buf.getUnsignedInt(offset);
    if (announced > limit) {
      throw new TooLongFrameException("announced a frame of " + announced + " bytes, over the limit of "
          + limit + " bytes " + limitSource);
    }
    return announced;
  }
}
