package io.procpool.core.internal.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A warning a pool logs while this JVM exits, through {@link System.Logger} as any other, made
 * sure to be seen. The JDK's own logging, System.Logger's default backend, resets itself in a
 * shutdown hook of its own ({@code LogManager}'s cleaner), which runs beside ours in no set order
 * and removes every handler; a record logged after it reaches nobody. So, where that logging is
 * the backend, the pool remembers, as it is built, the handlers its warnings reach; at exit, if
 * the logger has none left, the record goes to those. A {@link ConsoleHandler} outlives the reset
 * (closing one only flushes it), so the warning appears where and as the user's configuration
 * would have written it; a handler closed for good (a {@code FileHandler}) declines it, and if
 * every one does, a new ConsoleHandler, that logging's default, writes it to stderr. If the
 * warnings reached no handler when the pool was built (logging was silenced), none is written.
 * Another backend (SLF4J through {@code slf4j-jdk-platform-logging}, say) is used as it is: it
 * answers for its own shutdown.
 */
final class ExitLog {
  private static final String JDK_LOGGING = "sun.util.logging.internal.LoggingProviderImpl";

  private final String loggerName;
  /** Where the JDK's logging sent our warnings when the pool was built; null under another backend. */
  private final List<Handler> handlersAtBuild;

  ExitLog(String loggerName) {
    this.loggerName = loggerName;
    this.handlersAtBuild = jdkLogging() ? Jdk.handlers(loggerName) : null;
  }

  void warn(String pattern, Object... arguments) {
    if (handlersAtBuild == null || !Jdk.handlers(loggerName).isEmpty()) {
      System.getLogger(loggerName).log(System.Logger.Level.WARNING, pattern, arguments);
    } else if (!handlersAtBuild.isEmpty()) {
      Jdk.publish(handlersAtBuild, loggerName, pattern, arguments); // the exit reset them: see above
    }
  }

  private static boolean jdkLogging() {
    try {
      return System.LoggerFinder.getLoggerFinder().getClass().getName().equals(JDK_LOGGING);
    } catch (LinkageError | RuntimeException e) {
      return false; // no java.logging in this runtime, or not allowed to ask: log as usual
    }
  }

  /** What knows the JDK's logging; used only where it is the backend. */
  private static final class Jdk {
    /** The handlers a WARNING of this logger reaches now. */
    static List<Handler> handlers(String loggerName) {
      List<Handler> found = new ArrayList<>();
      for (Logger logger = Logger.getLogger(loggerName); logger != null; logger = logger.getParent()) {
        for (Handler handler : logger.getHandlers()) {
          if (handler.getLevel().intValue() <= Level.WARNING.intValue()) {
            found.add(handler);
          }
        }
        if (!logger.getUseParentHandlers()) {
          break;
        }
      }
      return found;
    }

    static void publish(List<Handler> handlers, String loggerName, String pattern, Object[] arguments) {
      LogRecord record = new LogRecord(Level.WARNING, pattern);
      record.setLoggerName(loggerName);
      record.setParameters(arguments);
      boolean taken = false;
      for (Handler handler : handlers) {
        if (handler.isLoggable(record)) {
          handler.publish(record);
          handler.flush();
          taken = true;
        }
      }
      if (!taken) {
        Handler fallback = new ConsoleHandler();
        fallback.publish(record);
        fallback.flush();
      }
    }
  }
}
