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
  /** Well above 64 KiB encoded, the size from which a capture is shared rather than copied into each task. */
  private static final int ELEMENTS = 10_000;

  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Test
  void aCaptureChangedBetweenCallsIsSeenByTheNextCallOnEveryWorker(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<String> names = new ArrayList<>();
    List<StringBuilder> builders = new ArrayList<>();
    for (int i = 0; i < ELEMENTS; i++) {
      names.add("name-" + i);
      builders.add(new StringBuilder("builder-" + i));
    }
    // chunk size 1 on 2 workers: both must see each change, not only the one that ran the call before
    List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    for (int round = 0; round < 2; round++) {
      int offset = round;
      assertEquals(names.size() + round, (int) pool.apply(() -> names.size() + offset), "apply, round " + round);
      assertEquals(List.of(names.get(names.size() - 1)), distinct(pool.map(x -> names.get(names.size() - 1), items, 1)));

      names.set(names.size() - 1, "changed-" + round); // same object, same size, one element replaced
      assertEquals("changed-" + round, pool.apply(() -> names.get(names.size() - 1)), "apply after a set");
      assertEquals(List.of("changed-" + round), distinct(pool.map(x -> names.get(names.size() - 1), items, 1)));

      names.add("added-" + round);
      assertEquals(List.of("added-" + round), distinct(pool.map(x -> names.get(names.size() - 1), items, 1)));
      try (ResultIterator<Integer> sizes = pool.imap(x -> names.size(), items, 1)) {
        sizes.forEachRemaining(size -> assertEquals(names.size(), size, "imap after an add"));
      }

      // the list is the same object, unchanged; one of its mutable elements is not
      builders.get(0).setLength(0);
      builders.get(0).append("round-").append(round);
      assertEquals("round-" + round, pool.apply(() -> builders.get(0).toString()));
      assertEquals(List.of("round-" + round), distinct(pool.map(x -> builders.get(0).toString(), items, 1)));
    }
  }

  private static List<String> distinct(List<String> values) {
    return values.stream().distinct().toList();
  }
}
