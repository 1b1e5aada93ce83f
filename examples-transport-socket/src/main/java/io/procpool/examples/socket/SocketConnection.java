package io.procpool.examples.socket;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Either side of a connection over a blocking {@link SocketChannel}: frames are a 4-byte length
 * and the bytes. One thread per connection first obtains the channel (the pool's side waits for
 * its worker to connect), then reads frames until the end; it alone reports the close, so
 * {@code onClosed} comes exactly once and after the last frame.
 */
final class SocketConnection implements Connection {
  static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;

  /** How the reader thread gets its channel: accept, or one already connected. */
  interface ChannelSource {
    SocketChannel get() throws IOException;

    /** Unblocks {@link #get()} if it is still waiting. */
    default void abort() throws IOException {}
  }

  private final String peer;
  private final ConnectionListener listener;
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile ChannelSource source;
  private volatile SocketChannel channel;
  private volatile boolean closed;

  SocketConnection(String peer, ConnectionListener listener) {
    this.peer = peer;
    this.listener = listener;
  }

  /** Starts reading a channel that is connected already; sending works at once. */
  SocketConnection start(SocketChannel connected, String threadName) {
    channel = connected;
    return start(() -> connected, threadName);
  }

  /** Starts the reader thread, which first gets the channel from {@code source}; returns at once. */
  SocketConnection start(ChannelSource source, String threadName) {
    this.source = source;
    Thread reader = new Thread(this::run, threadName);
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  @Override
  public void send(byte[] frame) {
    SocketChannel target = channel;
    if (target == null || closed) {
      return;
    }
    ByteBuffer[] buffers = {ByteBuffer.allocate(4).putInt(0, frame.length), ByteBuffer.wrap(frame)};
    try {
      synchronized (this) {
        while (buffers[1].hasRemaining()) {
          target.write(buffers); // blocks while the peer is slow to read: that is back pressure
        }
      }
    } catch (IOException e) {
      close(); // the reader thread sees the channel closed and reports
    }
  }

  /** Both sides read with the same fixed limit, so each tells it for its peer. */
  @Override
  public int maxFrameBytes() {
    return MAX_FRAME_BYTES;
  }

  @Override
  public void close() {
    closed = true;
    try {
      SocketChannel target = channel;
      if (target != null) {
        target.close();
      } else if (source != null) {
        source.abort(); // the worker never connected: stop waiting for it
      }
    } catch (IOException e) {
      // closing is all we wanted; the reader thread reports
    }
  }

  private void run() {
    Throwable reason = null;
    try {
      channel = source.get();
      if (closed) {
        channel.close(); // closed while we were connecting
      }
      for (byte[] frame; (frame = readFrame()) != null; ) {
        listener.onFrame(frame);
      }
    } catch (IOException | RuntimeException e) {
      reason = closed ? null : e; // after close(), a failing read is just the close
    } finally {
      close();
      if (reported.compareAndSet(false, true)) {
        listener.onClosed(reason);
      }
    }
  }

  /** The next frame, or null at a clean end of stream. */
  private byte[] readFrame() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4);
    if (!readFully(header)) {
      return null;
    }
    int length = header.getInt(0);
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException(peer + " announced a frame of " + Integer.toUnsignedString(length)
          + " bytes, over the limit of " + MAX_FRAME_BYTES);
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    if (!readFully(body) && length > 0) {
      throw new EOFException(peer + " closed the connection in the middle of a frame");
    }
    return body.array();
  }

  /** False if the stream ended before the first byte; an end later on is an error. */
  private boolean readFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (buffer.position() == 0) {
          return false;
        }
        throw new EOFException(peer + " closed the connection in the middle of a frame");
      }
    }
    return true;
  }
}
