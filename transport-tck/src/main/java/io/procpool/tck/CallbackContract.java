package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.PoolListener;
import io.procpool.TaskEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Callbacks and the listener: user code called back off the caller's thread, safely. */
public interface CallbackContract extends TransportTestKit {

  /**
   * {@code onSuccess} gets the value, on a pool thread rather than the caller's.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void onSuccessGetsTheValueOnAThreadThatIsNotTheCallers(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    CompletableFuture<String> seen = new CompletableFuture<>();
    pool.applyAsync(TckTasks::square, 5).onSuccess(value -> seen.complete(value + "@" + Thread.currentThread().getName()));
    String[] valueAndThread = seen.get(30, TimeUnit.SECONDS).split("@");
    assertEquals("25", valueAndThread[0]);
    assertNotEquals(Thread.currentThread().getName(), valueAndThread[1]);
  }

  /**
   * {@code onFailure} gets the task's own exception, with its type and message, and
   * {@code onSuccess} is not called.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void onFailureGetsTheTasksException(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    CompletableFuture<Throwable> seen = new CompletableFuture<>();
    pool.applyAsync(TckTasks::failIfNegative, -2)
        .onSuccess(value -> seen.complete(new AssertionError("success callback for a failure")))
        .onFailure(seen::complete);
    Throwable error = seen.get(30, TimeUnit.SECONDS);
    assertInstanceOf(IllegalArgumentException.class, error);
    assertEquals("negative: -2", error.getMessage());
  }

  /**
   * A callback that blocks does not hold up other results: the transport's frames still reach the
   * core meanwhile.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aStuckCallbackDoesNotHoldUpOtherResults(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.applyAsync(() -> 1).onSuccess(value -> awaitQuietly(release));
      assertEquals(4, pool.applyAsync(TckTasks::square, 2).get(30, TimeUnit.SECONDS));
    } finally {
      release.countDown();
    }
  }

  /**
   * A callback that throws does not stop later callbacks.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aThrowingCallbackDoesNotStopLaterCallbacks(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    CompletableFuture<Integer> later = new CompletableFuture<>();
    pool.applyAsync(() -> 1).onSuccess(value -> {
      throw new IllegalStateException("callback bug (expected by the test)");
    });
    pool.applyAsync(() -> 2).onSuccess(later::complete);
    assertEquals(2, later.get(30, TimeUnit.SECONDS));
  }

  /**
   * The pool's listener is told of every task's submission, start and end, in order per task, with
   * the worker's name and the number of items.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void listenerIsToldOfEachStepWithTheWorkersName(Pools pools) throws Exception {
    RecordingListener listener = new RecordingListener();
    Pool pool = pools.register(pools.builder(1).listener(listener).build());
    pool.apply(TckTasks::square, 3);
    pool.applyAsync(TckTasks::failIfNegative, -1).waitFor();
    pool.map(TckTasks::square, List.of(1, 2, 3, 4), 2);
    listener.awaitEvents(4 * 3);
    // The listener promises order per task, not across tasks: a task's "finished" may be told
    // after the caller, woken by its result, has submitted the next one.
    List<String> events = listener.events();
    assertEquals(List.of("submitted 1 null 1", "started 1 PoolWorker-1 1", "finished 1 PoolWorker-1 1"),
        eventsOfTask(events, 1));
    assertEquals(List.of("submitted 2 null 1", "started 2 PoolWorker-1 1", "failed 2 PoolWorker-1 1 IllegalArgumentException"),
        eventsOfTask(events, 2));
    assertEquals(List.of("submitted 3 null 2", "started 3 PoolWorker-1 2", "finished 3 PoolWorker-1 2"),
        eventsOfTask(events, 3));
    assertEquals(List.of("submitted 4 null 2", "started 4 PoolWorker-1 2", "finished 4 PoolWorker-1 2"),
        eventsOfTask(events, 4));
  }

  private static List<String> eventsOfTask(List<String> events, long taskId) {
    return events.stream().filter(event -> event.split(" ")[1].equals(Long.toString(taskId)))
        .collect(java.util.stream.Collectors.toList());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps what the pool says, as text, in order. */
  final class RecordingListener implements PoolListener {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void taskSubmitted(TaskEvent event) {
      record("submitted", event, "");
    }

    @Override
    public synchronized void taskStarted(TaskEvent event) {
      assertNotNull(event.workerName());
      record("started", event, "");
    }

    @Override
    public synchronized void taskFinished(TaskEvent event) {
      record("finished", event, "");
    }

    @Override
    public synchronized void taskFailed(TaskEvent event, Throwable error) {
      record("failed", event, " " + error.getClass().getSimpleName());
    }

    private void record(String what, TaskEvent event, String detail) {
      events.add(what + " " + event.taskId() + " " + event.workerName() + " " + event.items() + detail);
      notifyAll();
    }

    synchronized void awaitEvents(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (events.size() < count && System.nanoTime() < deadline) {
        wait(100);
      }
      assertTrue(events.size() >= count, "events so far: " + events);
    }

    synchronized List<String> events() {
      return new ArrayList<>(events);
    }

  }
}
