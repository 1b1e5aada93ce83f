package io.procpool.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes the tasks of one call, each opened in the {@link Ledger}: what share of them return at
 * once, sleep, throw or overrun their timeout. Single tasks (apply, applyAsync) are often slow or
 * failing, so that kills and timeouts find them running; map items are mostly quick, as in real
 * maps, and a map fails as a whole, so at most one item of it throws or overruns.
 */
final class TaskMix {
  private final Ledger ledger;
  private final Random random;
  /** How long an overrunning task sleeps: long past its timeout, so a value from one means the timeout was not enforced. */
  private final int overrunMillis;

  TaskMix(Ledger ledger, Random random, int timeoutMillis) {
    this.ledger = ledger;
    this.random = random;
    this.overrunMillis = timeoutMillis * 10;
  }

  /** A task for apply or applyAsync: 50% quick, 30% sleeping 1-20 ms, 12% throwing, 8% overrunning (if timed). */
  SoakTask single(Ledger.Call call, boolean timed) {
    int roll = random.nextInt(100);
    if (roll < 50) {
      return open(SoakTask.Kind.QUICK, 0, call, timed);
    }
    if (roll < 80 || (roll >= 92 && !timed)) {
      return open(SoakTask.Kind.SLEEP, 1 + random.nextInt(20), call, timed);
    }
    if (roll < 92) {
      return open(SoakTask.Kind.THROW, 0, call, timed);
    }
    return open(SoakTask.Kind.OVERRUN, overrunMillis, call, timed);
  }

  /** An item whose failure is its own (imap, imapUnordered, mapOutcomes): 82% quick, 12% 1-3 ms, 5% throwing, 1% overrunning. */
  SoakTask item(Ledger.Call call, boolean timed) {
    int roll = random.nextInt(100);
    if (roll < 82 || (roll == 99 && !timed)) {
      return open(SoakTask.Kind.QUICK, 0, call, timed);
    }
    if (roll < 94) {
      return open(SoakTask.Kind.SLEEP, 1 + random.nextInt(3), call, timed);
    }
    if (roll < 99) {
      return open(SoakTask.Kind.THROW, 0, call, timed);
    }
    return open(SoakTask.Kind.OVERRUN, overrunMillis, call, timed);
  }

  /**
   * The items of a map, which fails as a whole: 85% quick, 15% 1-3 ms; in 30% of maps one item
   * throws, and in 30% of timed maps one overruns.
   */
  List<SoakTask> mapItems(Ledger.Call call, boolean timed, int count) {
    int throwing = random.nextInt(10) < 3 ? random.nextInt(count) : -1;
    int overrunning = timed && random.nextInt(10) < 3 ? random.nextInt(count) : -1;
    List<SoakTask> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i == overrunning) {
        items.add(open(SoakTask.Kind.OVERRUN, overrunMillis, call, timed));
      } else if (i == throwing) {
        items.add(open(SoakTask.Kind.THROW, 0, call, timed));
      } else if (random.nextInt(100) < 85) {
        items.add(open(SoakTask.Kind.QUICK, 0, call, timed));
      } else {
        items.add(open(SoakTask.Kind.SLEEP, 1 + random.nextInt(3), call, timed));
      }
    }
    return items;
  }

  private SoakTask open(SoakTask.Kind kind, int millis, Ledger.Call call, boolean timed) {
    return new SoakTask(ledger.open(kind, call, timed), kind, millis);
  }
}
