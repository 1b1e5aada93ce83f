package io.procpool.core.internal.worker;

import io.procpool.core.internal.events.Loggers;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the worker runtime says of itself (why it cannot start, a pool out of step, a lost
 * connection or parent), through {@link System.Logger}, logger {@link Loggers#WORKER}.
 *
 * <p>On a thread (the inprocess transport) that is the pool's own JVM's logging, as for any
 * record. In a worker process it must get out even when the connection is gone, and never onto
 * stdout, which a transport may own, while {@code System.out} and {@code System.err} are captured
 * into the protocol. So in a process whose backend is the JDK's logging (the default), the
 * {@code io.procpool} loggers write to the process's real standard error, one line per record
 * (and a stack trace), and not to the root logger's console handler: the pool copies that stream
 * to its own {@code System.err} and quotes its last lines when the worker dies. The JDK's logging
 * is set up so by {@link WorkerLogConfig} whenever it starts, at the latest at the worker's first
 * record. Other loggers keep the console handler, whose
 * {@code System.err} is by then captured, so what tasks log is carried in the protocol as what
 * they print is. Under another backend (SLF4J, say) records go where it writes; a console
 * appender's are carried in the protocol in the same way.
 */
final class WorkerLog {
  private static final String JDK_LOGGING = "sun.util.logging.internal.LoggingProviderImpl";
  private static final String CONFIG_CLASS_PROPERTY = "java.util.logging.config.class";

  /** The process's real standard error, as far as known yet; null on a thread. */
  private static volatile PrintStream realStderr;
  private static volatile String workerName;
  /** Held: the JDK's logging keeps loggers weakly, and would drop the handler with ours. */
  private static volatile Object routed;

  private WorkerLog() {}

  /**
   * Called in a worker process, first thing and again once the descriptors are taken over: where
   * the worker's records go. The first call also has the JDK's logging, once it starts, route them
   * (unless the user configures it with a class of their own).
   */
  static void toRealStderr(PrintStream stderr, String name) {
    realStderr = stderr;
    workerName = name;
    if (System.getProperty(CONFIG_CLASS_PROPERTY) == null) {
      System.setProperty(CONFIG_CLASS_PROPERTY, WorkerLogConfig.class.getName());
    }
  }

  static void log(Level level, String message) {
    Holder.LOG.log(level, message);
  }

  static void log(Level level, String message, Throwable thrown) {
    Holder.LOG.log(level, message, thrown);
  }

  /** Routes the {@code io.procpool} loggers of the JDK's logging to the real stderr; once. */
  static synchronized void routeToRealStderr() {
    if (routed == null && realStderr != null) {
      Jdk.route();
    }
  }

  /** On first use; routes the records first if the JDK's logging did not (a config class of the user's). */
  private static final class Holder {
    static final System.Logger LOG = routedLogger();

    private static System.Logger routedLogger() {
      try {
        if (System.LoggerFinder.getLoggerFinder().getClass().getName().equals(JDK_LOGGING)) {
          routeToRealStderr();
        }
      } catch (LinkageError | RuntimeException e) {
        // no java.logging, or not allowed: records go where the backend sends them
      }
      return System.getLogger(Loggers.WORKER);
    }
  }

  /** What knows the JDK's logging; used only where it is the backend. */
  private static final class Jdk {
    static void route() {
      // The first getLogger may start the JDK's logging, whose config class (WorkerLogConfig) calls
      // routeToRealStderr on this thread, inside this call: then it has routed, and this must not again.
      Logger ours = Logger.getLogger("io.procpool");
      if (routed == null) {
        ours.addHandler(new LineHandler());
        ours.setUseParentHandlers(false);
        routed = ours;
      }
    }
  }

  /**
   * One line per record, {@code [PoolWorker-3] WARNING io.procpool.worker: …}, to the real stderr
   * as known when it is written, flushed at once: a halt may follow.
   */
  private static final class LineHandler extends Handler {
    LineHandler() {
      setFormatter(new Formatter() {
        @Override
        public String format(LogRecord record) {
          StringBuilder line = new StringBuilder().append('[').append(workerName).append("] ")
              .append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ")
              .append(formatMessage(record)).append(System.lineSeparator());
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
          }
          return line.toString();
        }
      });
    }

    @Override
    public void publish(LogRecord record) {
      PrintStream out = realStderr;
      if (out != null && isLoggable(record)) {
        out.print(getFormatter().format(record));
        out.flush();
      }
    }

    @Override
    public void flush() {
      PrintStream out = realStderr;
      if (out != null) {
        out.flush();
      }
    }

    @Override
    public void close() {
      flush(); // the stream is the process's stderr: others still write to it
    }
  }
}
