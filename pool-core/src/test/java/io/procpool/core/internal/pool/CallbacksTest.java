package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CallbacksTest {
  private final Callbacks callbacks = new Callbacks(null);

  @Test
  void aCallbackThatThrowsIsLoggedAndTheNextStillRuns() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CountDownLatch next = new CountDownLatch(1);
    try (LogCapture log = new LogCapture()) {
      callbacks.run(() -> {
        throw boom;
      });
      callbacks.run(next::countDown);
      assertTrue(next.await(10, TimeUnit.SECONDS), "the callback after the throwing one ran");

      List<LogRecord> records = log.records();
      assertEquals(1, records.size(), "logged through System.Logger");
      assertSame(boom, records.get(0).getThrown());
      assertTrue(records.get(0).getMessage().contains("a callback threw"), records.get(0).getMessage());
    }
  }

  @Test
  void anErrorInACallbackIsNotSwallowedAndLaterCallbacksStillRun() throws Exception {
    AssertionError error = new AssertionError("an Error from user code");
    AtomicReference<Throwable> uncaught = new AtomicReference<>();
    CountDownLatch reported = new CountDownLatch(1);
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      uncaught.set(e);
      reported.countDown();
    });
    try {
      CountDownLatch next = new CountDownLatch(1);
      callbacks.run(() -> {
        throw error;
      });
      callbacks.run(next::countDown);

      assertTrue(reported.await(10, TimeUnit.SECONDS), "the Error reached the uncaught-exception handler");
      assertSame(error, uncaught.get());
      assertTrue(next.await(10, TimeUnit.SECONDS), "a new callback thread took over");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
