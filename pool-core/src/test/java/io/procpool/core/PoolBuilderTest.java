package io.procpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolBuilderTest {
  @Test
  void allowInExceptionsRefusesALimitAtOnceSayingWhatItTakes() {
    PoolBuilder builder = ProcessPool.builder();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> builder.allowInExceptions("com.example.*", "maxarray=10"));
    assertEquals("allowInExceptions takes class name patterns such as com.example.Money, com.example.*"
        + " (a package) or com.example.** (and its subpackages); was: \"maxarray=10\"", refused.getMessage());
  }
}
