package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.tck.Pools;
import io.procpool.tck.TransportTestKit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A large captured value is sent to each worker once and not encoded again while it is unchanged;
 * one changed between calls must reach the workers as it is now, never as the copy they hold.
 */
class PipesChangedCaptureTest implements TransportTestKit {
  /** About 500 kB encoded: shared, not copied into each task (from 64 KiB). */
  private static final int STRINGS = 30_000;

  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Test
  void aCaptureChangedBetweenCallsIsSeenByTheNextCallOnEveryWorker(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < STRINGS; i++) {
      names.add("name-" + i);
    }
    List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    for (int round = 0; round < 2; round++) {
      int offset = round;
      assertEquals(STRINGS + 2 * round, (int) pool.apply(() -> names.size() + offset), "apply, round " + round);
      assertEquals(List.of(names.get(names.size() - 1)), List.copyOf(pool.map(x -> names.get(names.size() - 1),
          List.of(0), 1)), "map, round " + round);
      names.set(names.size() - 1, "changed-" + round); // same size, one element replaced
      assertEquals("changed-" + round, pool.apply(() -> names.get(names.size() - 1)), "apply after a set");
      names.add("added-" + round);
      // chunk size 1 on 2 workers: both workers must see the change, not only the one that ran the call before
      List<String> seen = pool.map(x -> names.get(names.size() - 1), items, 1);
      assertEquals(List.of("added-" + round), seen.stream().distinct().toList(), "map after an add");
      try (ResultIterator<Integer> sizes = pool.imap(x -> names.size(), items, 1)) {
        sizes.forEachRemaining(size -> assertEquals(names.size(), size, "imap after an add"));
      }
    }
  }

  @Test
  void aChangedElementOfAMutableTypeIsSeenToo(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<StringBuilder> builders = new ArrayList<>();
    for (int i = 0; i < STRINGS; i++) {
      builders.add(new StringBuilder("builder-" + i));
    }
    for (int round = 0; round < 2; round++) {
      builders.get(0).setLength(0);
      builders.get(0).append("round-").append(round); // the list itself is the same object, unchanged
      List<String> seen = pool.map(x -> builders.get(0).toString(), List.of(0, 1, 2, 3), 1);
      assertEquals(List.of("round-" + round), seen.stream().distinct().toList());
      assertEquals("round-" + round, pool.apply(() -> builders.get(0).toString()));
    }
  }
}
