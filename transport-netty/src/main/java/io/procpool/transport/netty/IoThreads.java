package io.procpool.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;

/**
 * The pool's I/O threads, on which the connections' listeners are called too, as the pipes
 * transport calls them on each worker's reader thread: one event loop per connection while there
 * are no more connections than cores, shared beyond that, since a listener's work (decoding
 * results) is CPU-bound. A loop's thread starts when its first channel registers, so a pool of
 * one worker runs one I/O thread; the listening socket lives on the first loop, beside a worker.
 */
final class IoThreads {
  private final LeastBusy chooser = new LeastBusy();
  private final EventLoopGroup group;

  IoThreads(SocketFlavor flavor, String threadName) {
    this.group = flavor.newEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), threadName, chooser);
  }

  /** Where accepted channels are registered: on the loop with the fewest open connections. */
  EventLoopGroup group() {
    return group;
  }

  /** The first loop: the listening socket's, not counted against it (a socket that only accepts is no load). */
  EventLoop first() {
    return (EventLoop) chooser.loops[0];
  }

  /** Counts {@code channel} against its loop until it closes. */
  void track(Channel channel) {
    channel.closeFuture().addListener(closed -> chooser.release(channel.eventLoop()));
  }

  /** Whether the calling thread is one of these loops: such a thread must never wait for a channel to drain. */
  boolean runsHere() {
    for (EventExecutor loop : chooser.loops) {
      if (loop.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  boolean terminated() {
    return group.isTerminated();
  }

  /**
   * Netty's default chooser takes loops in turn, which after a worker's replacement can put two
   * busy connections on one loop while another has none.
   */
  private static final class LeastBusy implements EventExecutorChooserFactory {
    private EventExecutor[] loops;
    private int[] open; // guarded by this

    @Override
    public synchronized EventExecutorChooser newChooser(EventExecutor[] executors) {
      loops = executors.clone();
      open = new int[loops.length];
      return this::next;
    }

    private synchronized EventExecutor next() {
      int least = 0;
      for (int i = 1; i < open.length; i++) {
        if (open[i] < open[least]) {
          least = i;
        }
      }
      open[least]++;
      return loops[least];
    }

    synchronized void release(EventExecutor loop) {
      for (int i = 0; i < loops.length; i++) {
        if (loops[i] == loop) {
          open[i]--;
          return;
        }
      }
    }
  }
}
