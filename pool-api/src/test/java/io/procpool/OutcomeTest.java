package io.procpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void successHasItsValueAndNoError() {
    Outcome<Integer> ok = Outcome.success(4);
    assertTrue(ok.isSuccess());
    assertEquals(4, ok.value());
    assertNull(ok.error());
    assertEquals("Success[4]", ok.toString());
    assertEquals(Outcome.success(4), ok);
    assertNotEquals(Outcome.success(5), ok);
    assertTrue(Outcome.success(null).isSuccess());
  }

  @Test
  void failureThrowsItsErrorAsTheCauseOfACompletionException() {
    IllegalArgumentException error = new IllegalArgumentException("negative: -2");
    Outcome<Integer> failed = Outcome.failure(error);
    assertFalse(failed.isSuccess());
    assertSame(error, failed.error());
    assertSame(error, assertThrows(CompletionException.class, failed::value).getCause());
    assertEquals("Failure[java.lang.IllegalArgumentException: negative: -2]", failed.toString());
    assertThrows(NullPointerException.class, () -> Outcome.failure(null));
  }
}
