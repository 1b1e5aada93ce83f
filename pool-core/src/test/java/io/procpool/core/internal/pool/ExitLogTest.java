package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A warning logged at exit after the JDK's logging reset itself (as its shutdown hook does, beside
 * the pool's) still reaches the handler it reached when the pool was built.
 */
class ExitLogTest {
  private static final String NAME = "io.procpool.test.exitlog";
  /** Held: the JDK's logging keeps loggers weakly. */
  private final Logger logger = Logger.getLogger(NAME);

  @AfterEach
  void restoreTheLogging() throws IOException {
    LogManager.getLogManager().readConfiguration();
  }

  /** Like the JDK's ConsoleHandler: closing it only flushes it, so it writes on after a reset. */
  private static final class ConsoleLike extends StreamHandler {
    ConsoleLike(ByteArrayOutputStream out) {
      super(out, new SimpleFormatter());
    }

    @Override
    public synchronized void close() {
      flush();
    }
  }

  @Test
  void afterTheResetTheWarningReachesTheHandlersItHadWhenThePoolWasBuilt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Handler handler = new ConsoleLike(out);
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    ExitLog log = new ExitLog(NAME);

    LogManager.getLogManager().reset(); // what LogManager's own exit hook does
    assertEquals(0, logger.getHandlers().length, "the reset removed it");
    log.warn("This JVM is exiting with {0} accepted task(s) unfinished", 3);

    String written = out.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains("WARNING: This JVM is exiting with 3 accepted task(s) unfinished"), written);
  }

  @Test
  void beforeTheResetItIsLoggedAsAnyRecord() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Handler handler = new ConsoleLike(out);
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    ExitLog log = new ExitLog(NAME);

    log.warn("dropped {0}", 2);
    handler.flush();

    assertTrue(out.toString(StandardCharsets.UTF_8).contains("WARNING: dropped 2"));
  }

  @Test
  void loggingSilencedWhenThePoolWasBuiltStaysSilent() {
    logger.setUseParentHandlers(false); // no handler here, none above: silenced
    logger.setLevel(Level.ALL);
    ExitLog log = new ExitLog(NAME);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      LogManager.getLogManager().reset();
      log.warn("dropped {0}", 1);
    } finally {
      System.setErr(original);
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
