package io.procpool.core.internal.pool;

import java.text.MessageFormat;
import java.util.logging.Logger;

/**
 * Warnings logged while this JVM exits. They go through {@link System.Logger}, except in one case:
 * when its backend is the JDK's own logging, whose exit hook resets it, running beside ours, and
 * has already removed every handler. Then nothing would show the warning, so it goes to stderr,
 * where that logging writes by default.
 */
final class ExitLog {
  private static final String JDK_LOGGING = "sun.util.logging.internal.LoggingProviderImpl";

  private ExitLog() {}

  static void warn(System.Logger log, String pattern, Object... arguments) {
    if (jdkLoggingWasReset()) {
      System.err.println("WARNING: " + MessageFormat.format(pattern, arguments));
    } else {
      log.log(System.Logger.Level.WARNING, pattern, arguments);
    }
  }

  private static boolean jdkLoggingWasReset() {
    try {
      return System.LoggerFinder.getLoggerFinder().getClass().getName().equals(JDK_LOGGING)
          && Logger.getLogger("").getHandlers().length == 0;
    } catch (LinkageError | RuntimeException e) {
      return false; // no java.logging in this runtime: System.Logger prints by itself
    }
  }
}
