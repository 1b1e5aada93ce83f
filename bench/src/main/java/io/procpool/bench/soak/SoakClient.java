package io.procpool.bench.soak;

import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.TaskFunction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread of callers: makes one call at a time, of a kind picked at random, waits for all its
 * outcomes and enters each task's in the {@link Ledger}, until told to stop. A quarter of the
 * calls go through the {@code withTaskTimeout} view. Every wait is unbounded on purpose: a call
 * that never ends is what {@link CallWatch} is there to see.
 */
final class SoakClient implements Runnable {
  private static final TaskFunction<SoakTask, SoakValue> RUN = SoakTask::run;

  private final String name;
  private final Pool pool;
  private final Pool timedView;
  private final Ledger ledger;
  private final Findings findings;
  private final CallWatch watch;
  private final CallStats stats;
  private final Random random;
  private final TaskMix mix;
  private final AtomicBoolean stop;

  SoakClient(String name, Pool pool, SoakOptions options, long seed, Ledger ledger, Findings findings,
             CallWatch watch, CallStats stats, AtomicBoolean stop) {
    this.name = name;
    this.pool = pool;
    this.timedView = pool.withTaskTimeout(options.taskTimeout());
    this.ledger = ledger;
    this.findings = findings;
    this.watch = watch;
    this.stats = stats;
    this.random = new Random(seed);
    this.mix = new TaskMix(ledger, random, (int) options.taskTimeout().toMillis());
    this.stop = stop;
  }

  @Override
  public void run() {
    while (!stop.get()) {
      Ledger.Call call = pickCall();
      boolean timed = random.nextInt(4) == 0;
      long start = System.nanoTime();
      watch.begin(name, call, ledger.lastId() + 1);
      int tasks = 0;
      try {
        tasks = make(call, timed);
      } catch (InterruptedException e) {
        return; // the soak gave up waiting for this call: its tasks stay without outcome (lost)
      } catch (RuntimeException | Error e) {
        findings.add("UNEXPECTED exception from a call", name + " in " + call + (timed ? " (timed)" : "") + ": "
            + stackTrace(e));
      } finally {
        watch.end(name);
      }
      stats.record(call, tasks, System.nanoTime() - start);
    }
  }

  /** Weights: applyAsync batches most, as they carry the cancels; the rest alike. */
  private Ledger.Call pickCall() {
    int roll = random.nextInt(100);
    if (roll < 13) {
      return Ledger.Call.APPLY;
    }
    if (roll < 38) {
      return Ledger.Call.APPLY_ASYNC;
    }
    return Ledger.Call.values()[2 + (roll - 38) % 5];
  }

  /** Makes the call; returns how many tasks it had. */
  private int make(Ledger.Call call, boolean timed) throws InterruptedException {
    Pool target = timed ? timedView : pool;
    return switch (call) {
      case APPLY -> apply(target, timed);
      case APPLY_ASYNC -> applyAsync(timed);
      case MAP -> map(target, timed);
      case MAP_ASYNC -> mapAsync(target, timed);
      case IMAP -> imap(target, timed, true);
      case IMAP_UNORDERED -> imap(target, timed, false);
      case MAP_OUTCOMES -> mapOutcomes(target, timed);
    };
  }

  private int apply(Pool target, boolean timed) throws InterruptedException {
    SoakTask task = mix.single(Ledger.Call.APPLY, timed);
    try {
      settleValue(task, target.apply(RUN, task), Ledger.Call.APPLY);
    } catch (ExecutionException e) {
      settleFailure(task.id(), e.getCause(), false, Ledger.Call.APPLY);
    }
    return 1;
  }

  /**
   * 1-40 tasks, each timed or not; in a third of the batches some are cancelled, at once or a few
   * milliseconds later (so that some are running by then), with cancel(true) or cancel(false).
   */
  private int applyAsync(boolean batchMayBeTimed) throws InterruptedException {
    int count = 1 + random.nextInt(40);
    List<SoakTask> tasks = new ArrayList<>(count);
    List<AsyncResult<SoakValue>> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean timed = batchMayBeTimed || random.nextInt(8) == 0;
      SoakTask task = mix.single(Ledger.Call.APPLY_ASYNC, timed);
      tasks.add(task);
      results.add((timed ? timedView : pool).applyAsync(RUN, task));
    }
    if (random.nextInt(3) == 0) {
      if (random.nextBoolean()) {
        Thread.sleep(random.nextInt(15));
      }
      for (int i = 0; i < count; i++) {
        if (random.nextInt(10) < 3) {
          boolean mayInterrupt = random.nextBoolean();
          long called = StartLog.epochMicros();
          if (results.get(i).cancel(mayInterrupt)) {
            ledger.cancelled(tasks.get(i).id(), mayInterrupt, called, StartLog.epochMicros());
          }
        }
      }
    }
    for (int i = 0; i < count; i++) {
      try {
        settleValue(tasks.get(i), results.get(i).get(), Ledger.Call.APPLY_ASYNC);
      } catch (ExecutionException e) {
        settleFailure(tasks.get(i).id(), e.getCause(), false, Ledger.Call.APPLY_ASYNC);
      } catch (CancellationException e) {
        settleFailure(tasks.get(i).id(), e, false, Ledger.Call.APPLY_ASYNC);
      }
    }
    return count;
  }

  private int map(Pool target, boolean timed) throws InterruptedException {
    int count = 1 + random.nextInt(400);
    int chunksize = chunksize(count);
    List<SoakTask> items = mix.mapItems(Ledger.Call.MAP, timed, count);
    try {
      List<SoakValue> values = chunksize == 0 ? target.map(RUN, items) : target.map(RUN, items, chunksize);
      settleValues(items, values, Ledger.Call.MAP);
    } catch (ExecutionException e) {
      items.forEach(item -> settleFailure(item.id(), e.getCause(), true, Ledger.Call.MAP));
    }
    return count;
  }

  /** As {@link #map}, and in a third of the calls the whole map is cancelled after 0-30 ms. */
  private int mapAsync(Pool target, boolean timed) throws InterruptedException {
    int count = 1 + random.nextInt(400);
    int chunksize = chunksize(count);
    List<SoakTask> items = mix.mapItems(Ledger.Call.MAP_ASYNC, timed, count);
    AsyncResult<List<SoakValue>> result = chunksize == 0 ? target.mapAsync(RUN, items)
        : target.mapAsync(RUN, items, chunksize);
    if (random.nextInt(3) == 0) {
      Thread.sleep(random.nextInt(30));
      result.cancel(random.nextBoolean());
    }
    try {
      settleValues(items, result.get(), Ledger.Call.MAP_ASYNC);
    } catch (ExecutionException e) {
      items.forEach(item -> settleFailure(item.id(), e.getCause(), true, Ledger.Call.MAP_ASYNC));
    } catch (CancellationException e) {
      items.forEach(item -> settleFailure(item.id(), e, true, Ledger.Call.MAP_ASYNC));
    }
    return count;
  }

  private int mapOutcomes(Pool target, boolean timed) throws InterruptedException {
    int count = 1 + random.nextInt(300);
    int chunksize = chunksize(count);
    List<SoakTask> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(mix.item(Ledger.Call.MAP_OUTCOMES, timed));
    }
    List<Outcome<SoakValue>> outcomes = chunksize == 0 ? target.mapOutcomes(RUN, items)
        : target.mapOutcomes(RUN, items, chunksize);
    checkSize(items.size(), outcomes.size(), Ledger.Call.MAP_OUTCOMES);
    for (int i = 0; i < Math.min(items.size(), outcomes.size()); i++) {
      Outcome<SoakValue> outcome = outcomes.get(i);
      if (outcome.isSuccess()) {
        settleValue(items.get(i), outcome.value(), Ledger.Call.MAP_OUTCOMES);
      } else {
        settleFailure(items.get(i).id(), outcome.error(), false, Ledger.Call.MAP_OUTCOMES);
      }
    }
    return count;
  }

  /**
   * imap or imapUnordered of 1-300 items, chunk size 1 half the time, read lazily: an item gets
   * its id when the pool reads it from the input, so only items the pool took are in the ledger.
   */
  private int imap(Pool target, boolean timed, boolean ordered) {
    int count = 1 + random.nextInt(300);
    int chunksize = random.nextBoolean() ? 1 : 1 + random.nextInt(8);
    Ledger.Call call = ordered ? Ledger.Call.IMAP : Ledger.Call.IMAP_UNORDERED;
    List<SoakTask> read = new ArrayList<>(count);
    Iterator<SoakTask> input = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return read.size() < count;
      }

      @Override
      public SoakTask next() {
        SoakTask item = mix.item(call, timed);
        read.add(item);
        return item;
      }
    };
    try (ResultIterator<SoakValue> results = ordered ? target.imap(RUN, () -> input, chunksize)
        : target.imapUnordered(RUN, () -> input, chunksize)) {
      if (ordered) {
        takeInOrder(results, read);
      } else {
        takeAsTheyCome(results, read);
      }
    }
    checkSize(count, read.size(), call);
    return read.size();
  }

  /** One outcome of an iterator: its value, or the failure it threw. */
  private record Taken(SoakValue value, Throwable failure) {}

  private static Taken take(ResultIterator<SoakValue> results) {
    try {
      return new Taken(results.next(), null);
    } catch (CompletionException e) {
      return new Taken(null, e.getCause());
    }
  }

  private void takeInOrder(ResultIterator<SoakValue> results, List<SoakTask> read) {
    for (int position = 0; results.hasNext(); position++) {
      Taken taken = take(results);
      SoakValue value = taken.value();
      Throwable failure = taken.failure();
      if (position >= read.size()) {
        findings.add("DUPLICATE outcome", name + " imap gave a result at position " + position + " but had read only "
            + read.size() + " items");
        continue;
      }
      if (failure == null) {
        settleValue(read.get(position), value, Ledger.Call.IMAP);
      } else {
        settleFailure(read.get(position).id(), failure, false, Ledger.Call.IMAP);
      }
    }
  }

  /**
   * Values and the task's own exceptions name their task; other failures (a dead worker, a
   * timeout) do not, so they are given, once the iterator is done, to the tasks still waiting, in
   * the order they were read: their count must match.
   */
  private void takeAsTheyCome(ResultIterator<SoakValue> results, List<SoakTask> read) {
    Map<Long, SoakTask> waiting = new LinkedHashMap<>();
    List<Throwable> unnamed = new ArrayList<>();
    int synced = 0;
    while (results.hasNext()) {
      Taken taken = take(results);
      SoakValue value = taken.value();
      Throwable failure = taken.failure();
      for (; synced < read.size(); synced++) {
        waiting.put(read.get(synced).id(), read.get(synced));
      }
      if (failure == null) {
        SoakTask task = value == null ? null : waiting.remove(value.id());
        if (task == null) {
          ledger.settle(value == null ? -1 : value.id(), TaskOutcome.VALUE, false, name + " imapUnordered: a value "
              + value + " for no task waiting in this call");
        } else {
          settleValue(task, value, Ledger.Call.IMAP_UNORDERED);
        }
      } else if (TaskOutcome.unwrap(failure) instanceof SoakTaskFailure own) {
        SoakTask task = waiting.remove(own.taskId());
        if (task == null) {
          ledger.settle(own.taskId(), TaskOutcome.OWN_EXCEPTION, false, name
              + " imapUnordered: the failure of a task not waiting in this call");
        } else {
          settleFailure(task.id(), failure, false, Ledger.Call.IMAP_UNORDERED);
        }
      } else {
        unnamed.add(failure);
      }
    }
    for (; synced < read.size(); synced++) {
      waiting.put(read.get(synced).id(), read.get(synced));
    }
    Iterator<SoakTask> rest = waiting.values().iterator();
    for (Throwable failure : unnamed) {
      if (rest.hasNext()) {
        settleFailure(rest.next().id(), failure, true, Ledger.Call.IMAP_UNORDERED);
        rest.remove();
      } else {
        findings.add("DUPLICATE outcome", name + " imapUnordered gave more outcomes than it had items ("
            + read.size() + "): an extra " + failure);
      }
    }
    // whatever is still waiting has no outcome, and the ledger shows it as lost
  }

  /** 0 (the pool's default) 40% of the time, else 1-20. */
  private int chunksize(int count) {
    return random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(Math.min(20, count));
  }

  private void settleValues(List<SoakTask> items, List<SoakValue> values, Ledger.Call call) {
    checkSize(items.size(), values.size(), call);
    for (int i = 0; i < Math.min(items.size(), values.size()); i++) {
      settleValue(items.get(i), values.get(i), call);
    }
  }

  private void checkSize(int expected, int actual, Ledger.Call call) {
    if (expected != actual) {
      findings.add("WRONG result count", name + " " + call + " had " + expected + " items and gave " + actual);
    }
  }

  private void settleValue(SoakTask task, SoakValue value, Ledger.Call call) {
    if (value != null && value.isCorrectFor(task.id())) {
      ledger.settle(task.id(), TaskOutcome.VALUE, false, name + " " + call);
    } else if (ledger.settle(task.id(), TaskOutcome.WRONG_VALUE, false, name + " " + call)) {
      findings.add("WRONG value", "task " + task + " (" + call + ") returned " + value);
    }
  }

  private void settleFailure(long id, Throwable failure, boolean ofCall, Ledger.Call call) {
    TaskOutcome outcome = TaskOutcome.of(failure);
    if (ledger.settle(id, outcome, ofCall, name + " " + call) && !outcome.expected) {
      findings.add("UNEXPECTED failure: " + outcome.label, "task " + id + " (" + call + "): "
          + stackTrace(TaskOutcome.unwrap(failure)));
    }
  }

  static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    String trace = text.toString().strip();
    return trace.length() > 4000 ? trace.substring(0, 4000) + "\n..." : trace;
  }
}
