package io.procpool.bench.soak;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every task of the run, by id: how it was submitted and how it ended. One int per task, in
 * chunks allocated as ids are handed out, so that a long run's own bookkeeping (a few bytes a
 * task) stays out of the way of the parent heap figure it checks; {@link #bytes()} says how much
 * it holds.
 *
 * <p>An outcome is set at most once; a second one for the same id is a DUPLICATE, recorded in the
 * {@link Findings}, and the first one stays.
 */
final class Ledger {
  /** How a task was handed to the pool. */
  enum Call { APPLY, APPLY_ASYNC, MAP, MAP_ASYNC, IMAP, IMAP_UNORDERED, MAP_OUTCOMES }

  // Layout of a task's int.
  private static final int KIND_SHIFT = 0; // 2 bits: SoakTask.Kind
  private static final int CALL_SHIFT = 2; // 3 bits: Call
  private static final int TIMED = 1 << 5; // sent through a withTaskTimeout view
  private static final int CANCELLED_WAITING = 1 << 6; // cancel(false) returned true: it had not begun
  private static final int CANCELLED_ANY = 1 << 7; // cancel(true) returned true: it may have begun
  private static final int OF_CALL = 1 << 8; // the outcome is its call's (a failed map), or assigned by count
  private static final int OUTCOME_SHIFT = 12; // 4 bits: TaskOutcome ordinal + 1; 0 while it has none
  private static final int OUTCOME_MASK = 0xF << OUTCOME_SHIFT;

  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int MAX_CHUNKS = 1 << 14; // a billion tasks: far beyond any run

  private static final SoakTask.Kind[] KINDS = SoakTask.Kind.values();
  private static final Call[] CALLS = Call.values();
  private static final TaskOutcome[] OUTCOMES = TaskOutcome.values();

  private final AtomicReferenceArray<AtomicIntegerArray> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
  private final AtomicLong lastId = new AtomicLong();
  private final AtomicLong chunkCount = new AtomicLong();
  private final Map<TaskOutcome, LongAdder> counts = new EnumMap<>(TaskOutcome.class);
  private final Findings findings;
  /** Only cancelled tasks: a few in a hundred. */
  private final Map<Long, long[]> cancelTimes = new ConcurrentHashMap<>();

  Ledger(Findings findings) {
    this.findings = findings;
    for (TaskOutcome outcome : OUTCOMES) {
      counts.put(outcome, new LongAdder());
    }
  }

  /** A new task: its id, unique in the run (from 1). */
  long open(SoakTask.Kind kind, Call call, boolean timed) {
    long id = lastId.incrementAndGet();
    slots(id).set(index(id), kind.ordinal() << KIND_SHIFT | call.ordinal() << CALL_SHIFT | (timed ? TIMED : 0));
    return id;
  }

  /**
   * cancel(mayInterruptIfRunning) returned true for this task; it was called at
   * {@code calledMicros} and returned at {@code returnedMicros} (wall clock, as the start records'),
   * kept to set against the task's start if it ran after all.
   */
  void cancelled(long id, boolean mayInterruptIfRunning, long calledMicros, long returnedMicros) {
    add(id, mayInterruptIfRunning ? CANCELLED_ANY : CANCELLED_WAITING);
    cancelTimes.put(id, new long[] {calledMicros, returnedMicros});
  }

  /** When cancel was called on the task and when it returned true, or null if it was not cancelled. */
  long[] cancelTimes(long id) {
    return cancelTimes.get(id);
  }

  /**
   * Sets the task's outcome; false (and a DUPLICATE finding) if it had one already.
   *
   * @param ofCall the outcome is its call's as a whole, not the task's own (a failed map)
   * @param where what reported it, for the finding
   */
  boolean settle(long id, TaskOutcome outcome, boolean ofCall, String where) {
    if (id < 1 || id > lastId.get()) {
      findings.add("DUPLICATE/UNKNOWN outcome", "outcome " + outcome + " for id " + id
          + ", which the soak never handed out (" + where + ")");
      return false;
    }
    AtomicIntegerArray slots = slots(id);
    int index = index(id);
    while (true) {
      int state = slots.get(index);
      if ((state & OUTCOME_MASK) != 0) { // the first outcome stands
        findings.add("DUPLICATE outcome", "task " + id + " had " + outcomeOf(state) + " and then " + outcome
            + " (" + where + ")");
        return false;
      }
      int next = state | (outcome.ordinal() + 1) << OUTCOME_SHIFT | (ofCall ? OF_CALL : 0);
      if (slots.compareAndSet(index, state, next)) {
        counts.get(outcome).increment();
        return true;
      }
    }
  }

  long lastId() {
    return lastId.get();
  }

  /** How many tasks have ended this way so far. */
  long count(TaskOutcome outcome) {
    return counts.get(outcome).sum();
  }

  /** How many tasks have an outcome so far. */
  long settled() {
    long sum = 0;
    for (LongAdder count : counts.values()) {
      sum += count.sum();
    }
    return sum;
  }

  /** What the ledger itself holds in the heap. */
  long bytes() {
    return chunkCount.get() * CHUNK * Integer.BYTES;
  }

  /** The task's state, read once, to be asked with the methods below. */
  int state(long id) {
    return slots(id).get(index(id));
  }

  static SoakTask.Kind kindOf(int state) {
    return KINDS[(state >>> KIND_SHIFT) & 0x3];
  }

  static Call callOf(int state) {
    return CALLS[(state >>> CALL_SHIFT) & 0x7];
  }

  static boolean timed(int state) {
    return (state & TIMED) != 0;
  }

  static boolean cancelledWaiting(int state) {
    return (state & CANCELLED_WAITING) != 0;
  }

  static boolean cancelledAny(int state) {
    return (state & CANCELLED_ANY) != 0;
  }

  static boolean ofCall(int state) {
    return (state & OF_CALL) != 0;
  }

  /** The outcome, or null if the task has none (it is lost). */
  static TaskOutcome outcomeOf(int state) {
    int code = (state & OUTCOME_MASK) >>> OUTCOME_SHIFT;
    return code == 0 ? null : OUTCOMES[code - 1];
  }

  private void add(long id, int flag) {
    slots(id).getAndUpdate(index(id), state -> state | flag);
  }

  private static int index(long id) {
    return (int) (id & (CHUNK - 1));
  }

  private AtomicIntegerArray slots(long id) {
    int chunk = (int) (id >>> CHUNK_BITS);
    AtomicIntegerArray slots = chunks.get(chunk);
    if (slots == null) {
      AtomicIntegerArray fresh = new AtomicIntegerArray(CHUNK);
      if (chunks.compareAndSet(chunk, null, fresh)) {
        chunkCount.incrementAndGet();
        return fresh;
      }
      slots = chunks.get(chunk);
    }
    return slots;
  }
}
