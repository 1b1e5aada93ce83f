package io.procpool.core.internal.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link PoolTimer} whose time moves only when a test says so; due actions run on the test's thread. */
final class ManualTimer implements PoolTimer {
  private final List<Entry> scheduled = new ArrayList<>();
  private long nowNanos;
  private boolean shutDown;

  private final class Entry implements Scheduled {
    final long dueNanos;
    final Runnable action;

    Entry(long dueNanos, Runnable action) {
      this.dueNanos = dueNanos;
      this.action = action;
    }

    @Override
    public void cancel() {
      synchronized (ManualTimer.this) {
        scheduled.remove(this);
      }
    }
  }

  @Override
  public synchronized Scheduled schedule(Runnable action, Duration delay) {
    Entry entry = new Entry(nowNanos + delay.toNanos(), action);
    if (!shutDown) {
      scheduled.add(entry);
    }
    return entry;
  }

  @Override
  public synchronized void shutdown() {
    shutDown = true;
    scheduled.clear();
  }

  /** Moves time on, running what falls due, earliest first. */
  void advance(Duration by) {
    long until;
    synchronized (this) {
      until = nowNanos + by.toNanos();
    }
    for (Entry next; (next = nextDue(until)) != null; ) {
      next.action.run();
    }
    synchronized (this) {
      nowNanos = until;
    }
  }

  private synchronized Entry nextDue(long until) {
    Entry next = scheduled.stream().min(Comparator.comparingLong(e -> e.dueNanos)).orElse(null);
    if (next == null || next.dueNanos > until) {
      return null;
    }
    scheduled.remove(next);
    nowNanos = next.dueNanos;
    return next;
  }

  /** How many actions wait to run. */
  synchronized int pending() {
    return scheduled.size();
  }
}
