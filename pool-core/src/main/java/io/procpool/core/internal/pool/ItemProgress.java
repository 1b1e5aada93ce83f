package io.procpool.core.internal.pool;

import io.procpool.Progress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of a call over many items (the map family, imap), counted a chunk at a time as
 * chunks settle: one atomic add per chunk, nothing per item.
 */
public final class ItemProgress extends CallProgress {
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** {@link Progress#UNKNOWN} until known. */
  private volatile long total;
  private boolean totalFinal;
  /** The final progress of a call that ended before all its items settled; null until then. */
  private volatile Progress ended;

  private ItemProgress(Callbacks callbacks, long total) {
    super(callbacks, System.nanoTime());
    this.total = total;
  }

  /** A call of {@code total} items (or {@link Progress#UNKNOWN}), beginning now. */
  public static ItemProgress of(Callbacks callbacks, long total) {
    return new ItemProgress(callbacks, total);
  }

  /** A chunk settled: {@code done} of its items succeeded and {@code failed} failed. */
  public void add(int doneItems, int failedItems) {
    if (doneItems > 0) {
      done.addAndGet(doneItems);
    }
    if (failedItems > 0) {
      failed.addAndGet(failedItems);
    }
    endIfAllSettled();
    changed();
  }

  /** Without a snapshot: this runs for every chunk, and must not allocate. */
  private void endIfAllSettled() {
    long all = total;
    if (all != Progress.UNKNOWN && done.get() + failed.get() >= all) {
      ended();
    }
  }

  /**
   * The call ended (failed, or was cancelled) before all its items settled: the items not done
   * count as failed, and the progress no longer changes. Call before the call's result completes.
   */
  public void failTheRest() {
    if (ended == null) {
      long doneNow = done.get();
      long all = total;
      ended = new Progress(doneNow, all - doneNow, all, snapshot().elapsed());
      changed();
    }
  }

  /**
   * The input ended with {@code items} submitted: that is the total, in place of any earlier
   * guess. May come from two threads (the consumer's, and one calling close()): the larger wins.
   */
  public void totalIs(long items) {
    synchronized (this) {
      total = totalFinal ? Math.max(total, items) : items;
      totalFinal = true;
    }
    endIfAllSettled();
    changed();
  }

  @Override
  Progress counts(Duration elapsed) {
    Progress end = ended;
    if (end != null) {
      return end;
    }
    long all = total;
    long failedNow = failed.get();
    long doneNow = done.get();
    if (all != Progress.UNKNOWN && doneNow + failedNow > all) {
      all = doneNow + failedNow; // only if the input told a size it did not keep to
    }
    return new Progress(doneNow, failedNow, all, elapsed);
  }
}
