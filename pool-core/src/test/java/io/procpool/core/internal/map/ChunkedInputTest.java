package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkedInputTest {

  @Test
  void readsChunksThenAShorterLastOneThenNothing() {
    ChunkedInput input = new ChunkedInput(List.of(1, 2, 3, 4, 5).iterator(), 2);
    assertEquals(List.of(1, 2), input.next());
    assertEquals(List.of(3, 4), input.next());
    assertFalse(input.ended());
    assertEquals(List.of(5), input.next());
    assertTrue(input.ended());
    assertEquals(List.of(), input.next());
    assertFalse(input.hasFailure());
  }

  @Test
  void inputThatEndsOnAChunkBoundaryEndsAtTheNextRead() {
    ChunkedInput input = new ChunkedInput(List.of(1, 2).iterator(), 2);
    assertEquals(List.of(1, 2), input.next());
    assertEquals(List.of(), input.next());
    assertTrue(input.ended());
  }

  @Test
  void aFailingIteratorGivesTheItemsReadBeforeAndKeepsItsExceptionOnce() {
    IllegalStateException broken = new IllegalStateException("broken");
    Iterator<Integer> failsAtThree = new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == 3) {
          throw broken;
        }
        return next++;
      }
    };
    ChunkedInput input = new ChunkedInput(failsAtThree, 2);
    assertEquals(List.of(0, 1), input.next());
    assertEquals(List.of(2), input.next());
    assertTrue(input.ended());
    assertTrue(input.hasFailure());
    assertEquals(List.of(), input.next());
    assertSame(broken, input.takeFailure());
    assertFalse(input.hasFailure());
    assertNull(input.takeFailure());
  }

  @Test
  void closeStopsReadingAndForgetsTheFailure() {
    ChunkedInput input = new ChunkedInput(List.of(1, 2, 3).iterator(), 1);
    input.fail(new IllegalStateException("pool shut down"));
    input.close();
    assertFalse(input.hasFailure());
    assertEquals(List.of(), input.next());
  }
}
