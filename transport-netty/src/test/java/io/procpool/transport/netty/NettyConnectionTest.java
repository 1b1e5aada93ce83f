package io.procpool.transport.netty;

import static io.procpool.transport.netty.EmbeddedFrames.receive;
import static io.procpool.transport.netty.EmbeddedFrames.receiveHeader;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One connection's life: pending, attached, closed; and what it reports, exactly once. */
class NettyConnectionTest {
  private final RecordingListener listener = new RecordingListener();
  private final NettyConnection connection = EmbeddedFrames.connection("worker PoolWorker-1 (pid 7)", listener);

  /** A channel past the handshake, with a frame limit of {@code maxFrameBytes}. */
  private EmbeddedChannel authenticatedChannel(int maxFrameBytes) {
    EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ChannelInboundHandlerAdapter());
    FramePipeline.authenticated(channel.pipeline(), connection, maxFrameBytes);
    assertTrue(connection.attach(channel));
    return channel;
  }

  @Test
  void closingAConnectionThatNeverConnectedReportsOnceWithoutReason() throws Exception {
    connection.close();
    connection.close();
    assertNull(listener.awaitClosed());
    listener.assertClosedOnceAndLast(connection);
    assertFalse(connection.attach(new EmbeddedChannel()), "a closed connection takes no channel");
  }

  @Test
  void workerThatDiesBeforeConnectingIsTheReason() throws Exception {
    connection.failIfPending("worker PoolWorker-1 (pid 7) exited with code 1 before it connected to the pool");
    connection.close();
    assertEquals("worker PoolWorker-1 (pid 7) exited with code 1 before it connected to the pool",
        listener.awaitClosed().getMessage());
    listener.assertClosedOnceAndLast(connection);
  }

  @Test
  void firstFailureIsTheReasonAndIsReportedOnce() throws Exception {
    connection.fail(new java.io.IOException("cannot listen"));
    connection.fail(new java.io.IOException("shut down"));
    assertTrue(listener.awaitClosed().getMessage().contains("cannot listen"));
    listener.assertClosedOnceAndLast(connection);
  }

  @Test
  void exitAfterAnOrderlyCloseChangesNothing() throws Exception {
    connection.close();
    connection.failIfPending("exited with code 137 before it connected to the pool");
    assertNull(listener.awaitClosed());
    listener.assertClosedOnceAndLast(connection);
  }

  @Test
  void frameOverTheLimitClosesTheConnectionWithAReasonNamingPeerLengthAndLimit() throws Exception {
    EmbeddedChannel channel = authenticatedChannel(1024);
    receive(channel, new byte[1024]); // at the limit: fine
    try (LogCapture log = new LogCapture()) {
      receiveHeader(channel, 1025);
      assertEquals(1, log.containing("announced a frame of 1025 bytes").size(), "logged: " + log.all());
    }

    assertFalse(channel.isOpen());
    String reason = listener.awaitClosed().getMessage();
    assertTrue(reason.contains("worker PoolWorker-1 (pid 7) announced a frame of 1025 bytes, over the limit of 1024 bytes"), reason);
    assertEquals(List.of("frame", "closed"), listener.events());
    listener.assertClosedOnceAndLast(connection);
  }

  @Test
  void orderlyCloseGoesOutAfterWhatWasSentAndReportsNoReason() throws Exception {
    EmbeddedChannel channel = authenticatedChannel(1024);
    connection.send("last words".getBytes(UTF_8));
    connection.close();
    assertArrayEquals("last words".getBytes(UTF_8), EmbeddedFrames.sent(channel));
    assertNull(channel.readOutbound(), "nothing, not even an empty frame, after the last one");
    assertFalse(channel.isOpen());
    assertNull(listener.awaitClosed());
    connection.send("dropped".getBytes(UTF_8)); // after close: dropped, no error
    listener.assertClosedOnceAndLast(connection);
  }

  @Test
  void listenerThatThrowsEndsTheConnectionWithThatAsTheReason() throws Exception {
    NettyConnection failing = EmbeddedFrames.connection("the pool", new io.procpool.spi.ConnectionListener() {
      @Override
      public void onFrame(byte[] frame) {
        throw new IllegalStateException("cannot read this");
      }

      @Override
      public void onClosed(Throwable reason) {
        listener.onClosed(reason);
      }
    });
    EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ChannelInboundHandlerAdapter());
    FramePipeline.authenticated(channel.pipeline(), failing, 1024);
    failing.attach(channel);
    receive(channel, new byte[] {1});
    assertTrue(listener.awaitClosed().getMessage().contains("cannot read this"));
    assertFalse(channel.isOpen());
  }
}
