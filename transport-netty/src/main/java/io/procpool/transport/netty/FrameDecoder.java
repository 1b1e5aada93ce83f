package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream into frames at their lengths, as {@link NettyWireFormat} lays them out. A
 * length over the limit fails as soon as it is read, before anything is buffered for it, with a
 * message that names the length, the limit and where the limit comes from.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  private final NettyWireFormat.FrameLimit limit;

  FrameDecoder(NettyWireFormat.FrameLimit limit) {
    super(NettyWireFormat.BYTE_ORDER, limit.bytes() + NettyWireFormat.LENGTH_BYTES, 0,
        NettyWireFormat.LENGTH_BYTES, 0, NettyWireFormat.LENGTH_BYTES, true);
    this.limit = limit;
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    return limit.check(super.getUnadjustedFrameLength(buf, offset, length, order), TooLongFrameException::new);
  }
}
