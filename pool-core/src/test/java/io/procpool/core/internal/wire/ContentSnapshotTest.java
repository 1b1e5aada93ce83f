package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContentSnapshotTest {
  record Point(String name, int x, List<String> tags) {}

  @Test
  void anUnchangedGraphOfPlainCollectionsLeavesAndRecordsMatches() {
    Map<String, List<Point>> value = new HashMap<>();
    value.put("a", new ArrayList<>(List.of(new Point("p", 1000, List.of("x", "y")))));
    value.put("b", List.of());
    ContentSnapshot snapshot = ContentSnapshot.of(value);
    assertNotNull(snapshot);
    assertTrue(snapshot.matches(value));
  }

  @Test
  void everyKindOfChangeIsSeen() {
    List<Object> value = new ArrayList<>(List.of("a", 1, new int[] {1, 2}, new ArrayList<>(List.of("n"))));
    ContentSnapshot snapshot = ContentSnapshot.of(value);
    assertTrue(snapshot.matches(value));

    value.set(0, new String("a")); // equal but another object: Kryo's references could differ
    assertFalse(snapshot.matches(value));
    value.set(0, "a");
    assertTrue(snapshot.matches(value));

    value.set(1, 2);
    assertFalse(snapshot.matches(value));
    value.set(1, 1);

    ((int[]) value.get(2))[1] = 3;
    assertFalse(snapshot.matches(value));
    ((int[]) value.get(2))[1] = 2;
    assertTrue(snapshot.matches(value));

    @SuppressWarnings("unchecked")
    List<String> nested = (List<String>) value.get(3);
    nested.add("m");
    assertFalse(snapshot.matches(value));
    nested.remove("m");
    assertTrue(snapshot.matches(value));

    value.add(null);
    assertFalse(snapshot.matches(value));
  }

  @Test
  void aGraphWithAnythingElseHasNoSnapshot() {
    assertNull(ContentSnapshot.of(List.of(new AtomicInteger())));
    assertNull(ContentSnapshot.of(new ArrayList<>(List.of(new StringBuilder("s")))));
    assertNull(ContentSnapshot.of(new ArrayList<Object>() {})); // a subclass could hold more
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertNull(ContentSnapshot.of(cycle));
  }
}
