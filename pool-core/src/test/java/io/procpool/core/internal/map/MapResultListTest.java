package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.wire.KryoCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MapResultListTest {
  /** 0 .. n-1 cut into parts of the given sizes. */
  private static List<List<Integer>> parts(int... sizes) {
    List<List<Integer>> parts = new ArrayList<>();
    int next = 0;
    for (int size : sizes) {
      parts.add(IntStream.range(next, next + size).boxed().collect(Collectors.toList()));
      next += size;
    }
    return parts;
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void holdsThePartsInOrderAcrossBlockBoundaries() {
    int block = ObjectColumn.BLOCK;
    MapResultList<Integer> list = new MapResultList<>(parts(block - 1, 2, block, 5, 0, 3));
    assertEquals(2 * block + 9, list.size());
    assertEquals(range(2 * block + 9), list);
    assertEquals(block, list.get(block));
    assertEquals(2 * block + 8, list.get(list.size() - 1));
  }

  @Test
  void emptyPartsMakeAnEmptyList() {
    assertEquals(List.of(), new MapResultList<>(parts()));
    assertEquals(List.of(), new MapResultList<>(parts(0, 0)));
  }

  @Test
  void isFixedSizeButSettableAndSortable() {
    MapResultList<Integer> list = new MapResultList<>(parts(3, 2));
    assertEquals(4, list.set(4, 40));
    assertEquals(List.of(0, 1, 2, 3, 40), list);
    list.sort(Comparator.reverseOrder());
    assertEquals(List.of(40, 3, 2, 1, 0), list);
    assertThrows(UnsupportedOperationException.class, () -> list.add(5));
    assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
  }

  @Test
  void indexOutsideTheListIsRefused() {
    MapResultList<Integer> list = new MapResultList<>(parts(2));
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.set(2, 0));
  }

  @Test
  void travelsThroughKryoAsAnArrayList() {
    MapResultList<Integer> list = new MapResultList<>(parts(ObjectColumn.BLOCK, 7));
    KryoCodec codec = KryoCodec.get();
    Object copy = codec.decode(codec.encode(list, "value"), "value");
    assertEquals(ArrayList.class, copy.getClass());
    assertEquals(list, copy);
  }

  @Test
  void javaSerializationWritesAnArrayList() throws Exception {
    MapResultList<Integer> list = new MapResultList<>(parts(3, 4));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(list);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertTrue(copy instanceof ArrayList, copy.getClass().getName());
    assertEquals(range(7), copy);
  }
}
