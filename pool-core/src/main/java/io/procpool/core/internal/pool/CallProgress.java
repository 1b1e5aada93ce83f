package io.procpool.core.internal.pool;

import io.procpool.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The progress of one call, and its {@code onProgress} listeners. Settling threads (a
 * transport's, the scheduler's) only count and, if anyone listens, queue one delivery on the
 * callback thread; a delivery already queued will read the newer counts, so a burst of chunks
 * costs one delivery, not one each.
 */
public abstract class CallProgress {
  private static final System.Logger LOG = System.getLogger(CallProgress.class.getPackageName());

  private final Callbacks callbacks;
  private final long startNanos;
  /** When the call was first seen finished; 0 until then. */
  private volatile long endNanos;
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean deliveryQueued = new AtomicBoolean();

  CallProgress(Callbacks callbacks, long startNanos) {
    this.callbacks = callbacks;
    this.startNanos = startNanos;
  }

  /** The counts now; the elapsed time is filled in by {@link #snapshot()}. */
  abstract Progress counts(Duration elapsed);

  /** The first listener was added. */
  void firstListener() {}

  /** The progress now. */
  public final Progress snapshot() {
    long end = endNanos;
    Progress now = counts(Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos));
    if (end == 0 && now.finished()) {
      endNanos = System.nanoTime(); // the first look that sees it finished stops its clock
    }
    return now;
  }

  /** Adds a listener, which gets the progress so far and then each change, on the callback thread. */
  public final void listen(Consumer<? super Progress> listener) {
    Objects.requireNonNull(listener, "listener");
    boolean first;
    synchronized (watchers) {
      first = watchers.isEmpty();
      watchers.add(new Watcher(listener));
    }
    if (first) {
      firstListener();
    }
    changed();
  }

  /** The counts changed: tell the listeners, unless a delivery already queued will. */
  final void changed() {
    if (!watchers.isEmpty() && deliveryQueued.compareAndSet(false, true)) {
      callbacks.run(this::deliver);
    }
  }

  /** The counts just reached the total: stops the clock. */
  final void ended() {
    if (endNanos == 0) {
      endNanos = System.nanoTime();
    }
  }

  /** On the callback thread. */
  private void deliver() {
    deliveryQueued.set(false); // before reading: a change after this read queues another delivery
    Progress now = snapshot();
    for (Watcher watcher : watchers) {
      watcher.offer(now);
    }
  }

  /** One listener and what it was last told; used on the callback thread only. */
  private static final class Watcher {
    private final Consumer<? super Progress> listener;
    private Progress told;

    Watcher(Consumer<? super Progress> listener) {
      this.listener = listener;
    }

    void offer(Progress now) {
      if (told != null && (told.finished() || sameCounts(told, now))) {
        return;
      }
      told = now;
      try {
        listener.accept(now);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "procpool: a progress listener threw; other callbacks go on", e);
      }
    }

    private static boolean sameCounts(Progress a, Progress b) {
      return a.done() == b.done() && a.failed() == b.failed() && a.total() == b.total();
    }
  }
}
