package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.procpool.transport.netty.NettyWireFormat.FrameLimit;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The format's bytes, pinned, and the pool's Netty codecs against the header functions the
 * worker uses. (The worker's own connection against the pipeline: {@link WorkerSocketConnectionTest}.)
 */
class NettyWireFormatTest {

  @Test
  void headerIsTheLengthInFourBigEndianBytes() {
    assertArrayEquals(new byte[] {0, 0, 0, 5}, NettyWireFormat.header(5).array());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, NettyWireFormat.header(0x01020304).array());
    assertEquals(0x01020304, NettyWireFormat.announcedLength(new byte[] {1, 2, 3, 4}));
  }

  @Test
  void announcedLengthIsUnsignedSoThatAHugeOneIsOverTheLimitNotNegative() {
    long huge = NettyWireFormat.announcedLength(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    assertEquals(4_294_967_295L, huge);
    IOException error = assertThrows(IOException.class, () -> FrameLimit.configured(1024).check(huge, IOException::new));
    assertEquals("announced a frame of 4294967295 bytes, over the limit of 1024 bytes"
        + " (NettyTransportOptions.maxFrameBytes)", error.getMessage());
  }

  @Test
  void aFrameAtTheLimitPassesAndOneByteMoreFails() throws IOException {
    assertEquals(512, FrameLimit.HANDSHAKE.check(512, IOException::new));
    IOException error = assertThrows(IOException.class, () -> FrameLimit.HANDSHAKE.check(513, IOException::new));
    assertEquals("announced a frame of 513 bytes, over the limit of 512 bytes that a connection may send"
        + " before it has proven it knows the pool's secret", error.getMessage());
  }

  @Test
  void theNettyEncoderWritesTheWorkersHeader() {
    EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ChannelInboundHandlerAdapter());
    channel.writeOutbound(Unpooled.wrappedBuffer(new byte[300]));
    ByteBuf written = Unpooled.wrappedBuffer(readAll(channel));
    assertArrayEquals(NettyWireFormat.header(300).array(), ByteBufUtil.getBytes(written, 0, NettyWireFormat.LENGTH_BYTES));
    assertEquals(NettyWireFormat.LENGTH_BYTES + 300, written.readableBytes());
  }

  @Test
  void theNettyDecoderRefusesAnOverLimitHeaderWithTheWorkersMessage() {
    EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ChannelInboundHandlerAdapter());
    TooLongFrameException error = assertThrows(TooLongFrameException.class,
        () -> EmbeddedFrames.receiveHeader(channel, 513));
    IOException workers = assertThrows(IOException.class, () -> FrameLimit.HANDSHAKE.check(513, IOException::new));
    assertEquals(workers.getMessage(), error.getMessage());
  }

  @Test
  void limitsFitTheFormat() {
    assertTrue(NettyWireFormat.SMALLEST_FRAME_LIMIT >= NettyWireFormat.HANDSHAKE_FRAME_LIMIT,
        "a configured limit must let the handshake through");
    assertTrue((long) NettyWireFormat.LARGEST_FRAME_LIMIT + NettyWireFormat.LENGTH_BYTES <= Integer.MAX_VALUE,
        "a frame and its length must fit in an int");
    assertEquals(NettyWireFormat.HANDSHAKE_FRAME_LIMIT,
        NettyWireFormat.NONCE_BYTES + NettyWireFormat.MAC_BYTES + NettyWireFormat.MAX_WORKER_NAME_BYTES);
  }

  private static byte[] readAll(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      all.writeBytes(part);
      part.release();
    }
    return ByteBufUtil.getBytes(all);
  }
}
