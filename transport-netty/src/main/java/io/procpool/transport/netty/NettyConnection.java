package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.Future;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The pool's side of a worker connection, over a Netty channel (a worker's side is a
 * {@link WorkerSocketConnection}). It exists before its worker
 * has connected (pending); an authenticated channel is {@linkplain #attach attached} to it later,
 * or never, if the worker dies first. Either way the listener hears {@code onClosed} exactly once,
 * after the last frame.
 *
 * <p>Frames reach the listener on the channel's I/O thread, as they are read, with no hop to
 * another thread: the pipes transport calls its listener on each worker's reader thread, and here
 * each connection has an I/O thread to itself while there are no more of them than cores
 * ({@link IoThreads}). What the listener sends from there is written at once, and never waits
 * for a channel to drain ({@link BackPressure}).
 */
final class NettyConnection implements Connection {
  /** The largest frame written as one direct buffer with its header (see {@link #writeFramed}). */
  private static final int ONE_BUFFER_BYTES = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(NettyConnection.class.getPackageName());

  private final String peer;
  private final ConnectionListener listener;
  private final Executor closeReports;
  private final int maxFrameBytes;
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private final AtomicBoolean reported = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final BackPressure backPressure;
  private Channel channel; // guarded by this
  private boolean closing; // guarded by this
  /**
   * Frames sent from other threads that the channel's I/O thread has not written yet: while there
   * are any, a frame sent from the I/O thread itself must queue behind them, not overtake them.
   */
  private final AtomicInteger queuedWrites = new AtomicInteger();
  /** Whether a flush of what the I/O thread wrote is queued there; read and written on that thread only. */
  private boolean flushQueued;
  /** The last frame handed to the channel: an orderly close waits for it to go out. */
  private volatile ChannelFuture lastWrite;

  /**
   * @param peer names the other side in messages, such as {@code worker PoolWorker-1 (pid 42)}
   * @param closeReports where the listener hears {@code onClosed}, queued: never inside a call of
   *     {@link #close()}, which the listener itself may make
   * @param onIoThread whether the calling thread is an I/O thread, which must not wait for a
   *     channel to drain
   * @param maxFrameBytes the largest frame the worker reads, as its launch ticket told it
   */
  NettyConnection(String peer, ConnectionListener listener, Executor closeReports, BooleanSupplier onIoThread,
                  int maxFrameBytes) {
    this.peer = peer;
    this.listener = listener;
    this.closeReports = closeReports;
    this.backPressure = new BackPressure(onIoThread);
    this.maxFrameBytes = maxFrameBytes;
  }

  String peer() {
    return peer;
  }

  /** Where {@code onClosed} is queued; for tests that wait until nothing more can come. */
  Executor closeReports() {
    return closeReports;
  }

  /** Gives an authenticated channel to this connection; false if it has one or was closed. */
  synchronized boolean attach(Channel authenticated) {
    if (channel != null || closing) {
      return false;
    }
    channel = authenticated;
    return true;
  }

  /** Whether a worker may still connect to this connection: none has yet, and it is not closing. */
  synchronized boolean awaitsWorker() {
    return channel == null && !closing;
  }

  /** Whether this connection was closed, or is being: its worker is gone or going. */
  synchronized boolean closing() {
    return closing;
  }

  /** Runs {@code action} once the listener has been told of the close. */
  void whenClosed(Runnable action) {
    closed.thenRun(action);
  }

  /** Completes once the listener has been told of the close. */
  CompletableFuture<Void> closed() {
    return closed.copy();
  }

  @Override
  public void send(byte[] frame) {
    Channel target = openChannel();
    if (target == null) {
      return; // closed, or (against the contract) not connected yet: the frame has nowhere to go
    }
    ChannelPromise written = target.newPromise();
    written.addListener(this::checkWritten);
    lastWrite = written;
    EventLoop loop = target.eventLoop();
    if (loop.inEventLoop() && queuedWrites.get() == 0) {
      writeFramed(target, frame, written); // a listener answering
      flushSoon(target, loop);
    } else {
      queuedWrites.incrementAndGet();
      try {
        loop.execute(() -> {
          queuedWrites.decrementAndGet();
          writeFramed(target, frame, written);
          target.flush();
        });
      } catch (RejectedExecutionException e) { // the I/O thread has stopped: the write fails, as Netty's own would
        queuedWrites.decrementAndGet();
        written.tryFailure(e);
      }
    }
    backPressure.await(target);
  }

  /**
   * Writes {@code frame} behind its length, as {@link NettyWireFormat} lays out: a frame of up to
   * {@value #ONE_BUFFER_BYTES} bytes as one direct buffer, which the socket writes as it is; a
   * larger one as its header and the frame's own array, as Netty's length prepender did before
   * (not copied into direct memory, which a small heap may not have for a large frame). The
   * prepender's two buffers, output list and promise combiner per frame were Netty code a cold
   * pool runs interpreted for every task: a fresh netty pool's first 200 {@code apply} calls took
   * a median of 464 us against 570 us with the prepender (7 alternated runs, bench/LOG.md).
   */
  private static void writeFramed(Channel target, byte[] frame, ChannelPromise written) {
    if (frame.length <= ONE_BUFFER_BYTES) {
      ByteBuf framed = target.alloc().directBuffer(NettyWireFormat.LENGTH_BYTES + frame.length); // big-endian, as BYTE_ORDER
      target.write(framed.writeInt(frame.length).writeBytes(frame), written);
    } else {
      target.write(Unpooled.wrappedBuffer(NettyWireFormat.header(frame.length)), target.voidPromise());
      target.write(Unpooled.wrappedBuffer(frame), written);
    }
  }

  /**
   * Frames a listener sends from the I/O thread (the next task for each answer it read) go out
   * together once that thread is through with what it read, in one system call rather than one
   * each. Queued on the same thread, so it wakes nothing.
   */
  private void flushSoon(Channel target, EventLoop loop) {
    if (flushQueued) {
      return;
    }
    flushQueued = true;
    try {
      loop.execute(() -> {
        flushQueued = false;
        target.flush();
      });
    } catch (RejectedExecutionException e) {
      flushQueued = false;
      target.flush();
    }
  }

  /** The worker's limit, which its launch ticket gave it: the same as the pool reads with. */
  @Override
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Closes once what was sent has gone out; a connection that never connected reports at once. */
  @Override
  public void close() {
    Channel target;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      target = channel;
    }
    ChannelFuture last = lastWrite;
    if (target == null) {
      report();
    } else if (!target.isOpen()) {
      return; // closed already (the worker went first), and told: nothing to wait for
    } else if (last == null) {
      target.close();
    } else {
      last.addListener(written -> target.close()); // after it went out, or failed to
    }
  }

  /** Ends the connection because of {@code cause}, which becomes the listener's reason. */
  void fail(Throwable cause) {
    failWith(describe(cause));
  }

  /**
   * Fails the connection if it still waits for its worker; once connected the channel tells
   * what happens, and once closed there is nothing left to fail.
   */
  void failIfPending(String why) {
    synchronized (this) {
      if (channel != null || closing) {
        return;
      }
    }
    failWith(new IOException(why));
  }

  /**
   * The reason goes to the listener, which is how the core learns it and tells the user. Only a
   * frame over the limit is also logged as a warning: that is a peer breaking the protocol, not
   * a worker that died, which is the core's to report.
   */
  private void failWith(IOException reason) {
    if (failure.compareAndSet(null, reason)) {
      boolean protocolBroken = reason.getCause() instanceof TooLongFrameException;
      LOG.log(protocolBroken ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, reason.getMessage());
    }
    Channel target;
    synchronized (this) {
      closing = true;
      target = channel;
    }
    if (target == null) {
      report();
    } else {
      target.close();
    }
  }

  /** A frame from the peer, read on the I/O thread, and given to the listener there. */
  void frameArrived(byte[] frame) {
    if (failure.get() != null) {
      return;
    }
    try {
      listener.onFrame(frame);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** The channel is closed; called on the I/O thread after the last {@link #frameArrived}. */
  void channelClosed() {
    report();
  }

  /** Wakes senders waiting for the channel to drain; called on the I/O thread. */
  void writabilityChanged() {
    backPressure.changed();
  }

  private void report() {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    Runnable tell = () -> {
      listener.onClosed(failure.get());
      closed.complete(null);
    };
    try {
      closeReports.execute(tell); // queued, even from that thread itself: never inside close()
    } catch (RejectedExecutionException e) {
      tell.run(); // the transport has shut its threads down: late rather than never
    }
  }

  private synchronized Channel openChannel() {
    return closing ? null : channel;
  }

  private void checkWritten(Future<? super Void> written) {
    if (!written.isSuccess() && openChannel() != null) {
      fail(written.cause());
    }
  }

  private IOException describe(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      return new IOException(peer + " " + cause.getMessage(), cause);
    }
    return new IOException("connection to " + peer + " failed: " + cause, cause);
  }

  @Override
  public String toString() {
    return "NettyConnection[" + peer + "]";
  }
}
