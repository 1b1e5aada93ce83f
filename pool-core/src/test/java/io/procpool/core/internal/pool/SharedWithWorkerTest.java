package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.io.Input;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.SharedKey;
import io.procpool.core.internal.wire.SharedValue;
import io.procpool.core.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedWithWorkerTest {
  private static final SharedValue A = value(1, 40);
  private static final SharedValue B = value(2, 40);
  private static final SharedValue C = value(3, 40);

  private final SharedWithWorker shared = new SharedWithWorker(100);
  private final Outbox outbox = new Outbox();
  private final List<PendingTask> inFlight = new ArrayList<>();
  private long ids;

  @Test
  void aValueGoesOnceBeforeTheFirstTaskThatNeedsItAndNeverAgainWhileHeld() {
    assertEquals(List.of("share " + A.key()), send(task(A)));
    assertEquals(List.of(), send(task(A)));
    assertEquals(List.of("share " + B.key()), send(task(A, B)));
  }

  @Test
  void overCapacityTheLeastRecentlyUsedGoesFirst() {
    send(task(A));
    send(task(B));
    send(task(A)); // A used last: B is the older one now
    inFlight.clear(); // all answered
    assertEquals(List.of("share " + C.key(), "unshare " + B.key()), send(task(C)));
    assertEquals(List.of(), send(task(A)));
  }

  @Test
  void aValueATaskInFlightRefersToIsNotEvicted() {
    send(task(A)); // still in flight
    send(task(B));
    inFlight.remove(1); // B's task answered
    assertEquals(List.of("share " + C.key(), "unshare " + B.key()), send(task(C)));
  }

  @Test
  void whenEveryValueIsInUseTheWorkerHoldsMoreForAWhileAndSendsAgainLater() {
    send(task(A));
    send(task(B));
    assertEquals(List.of("share " + C.key()), send(task(C)), "all three pinned: over capacity for now");
    inFlight.clear();
    assertEquals(List.of("unshare " + A.key()), send(task(B, C)));
    inFlight.clear();
    assertEquals(List.of("share " + A.key(), "unshare " + B.key()), send(task(A)));
  }

  private PendingTask task(SharedValue... values) {
    return new PendingTask(++ids, new byte[] {1}, List.of(values), 1, ExceptionFilter.DEFAULT);
  }

  /** Sends {@code task} as a worker handle would; the SHARE and UNSHARE messages written before it. */
  private List<String> send(PendingTask task) {
    inFlight.add(task);
    shared.sendBefore(task, inFlight, outbox);
    List<String> messages = new ArrayList<>();
    for (byte[] frame = outbox.takeFrame(); frame != null; frame = outbox.takeFrame()) {
      Wire.readFromPool(frame, new Input(), new Wire.FromPool() {
        @Override public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {}
        @Override public void initializer(byte[] initializer) {}
        @Override public void cancel(long id) {}
        @Override public void share(SharedKey key, byte[] value) {
          messages.add("share " + key);
        }
        @Override public void unshare(SharedKey key) {
          messages.add("unshare " + key);
        }
      });
    }
    return messages;
  }

  private static SharedValue value(int seed, int size) {
    byte[] bytes = new byte[size];
    bytes[0] = (byte) seed;
    return SharedValue.of(bytes);
  }
}
