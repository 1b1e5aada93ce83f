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
 * to its own {@code System.err} and quotes its last lines when the worker dies. This is set up on
 * the first record, not at start: the JDK's logging costs a cold JVM 20-30 ms to start, and a
 * healthy worker logs nothing. Under another backend (SLF4J, say) records go where it writes; a
 * console appender's are carried in the protocol as a task's output is.
 */
final class WorkerLog {
  private static final String JDK_LOGGING = "sun.util.logging.internal.LoggingProviderImpl";

  /** The process's real standard error, once {@link WorkerMain} has taken it; null on a thread. */
  private static volatile PrintStream realStderr;
  private static volatile String workerName;

  private WorkerLog() {}

  /** Called in a worker process, before anything is logged: where the worker's records go. */
  static void toRealStderr(PrintStream stderr, String name) {
    realStderr = stderr;
    workerName = name;
  }

  static void log(Level level, String message) {
    Holder.LOG.log(level, message);
  }

  static void log(Level level, String message, Throwable thrown) {
    Holder.LOG.log(level, message, thrown);
  }

  /** Set up on first use. */
  private static final class Holder {
    /** Held: the JDK's logging keeps its loggers weakly, and would drop the handler with ours. */
    private static final Object CONFIGURED = routeToRealStderr();
    static final System.Logger LOG = System.getLogger(Loggers.WORKER);

    private static Object routeToRealStderr() {
      PrintStream stderr = realStderr;
      try {
        if (stderr == null || !System.LoggerFinder.getLoggerFinder().getClass().getName().equals(JDK_LOGGING)) {
          return null;
        }
        return Jdk.route(stderr, workerName);
      } catch (LinkageError | RuntimeException e) {
        return null; // no java.logging, or not allowed: records go where the backend sends them
      }
    }
  }

  /** What knows the JDK's logging; used only where it is the backend. */
  private static final class Jdk {
    static Logger route(PrintStream stderr, String name) {
      Logger ours = Logger.getLogger("io.procpool");
      ours.addHandler(new LineHandler(stderr, name));
      ours.setUseParentHandlers(false);
      return ours;
    }
  }

  /** One line per record, {@code [PoolWorker-3] WARNING io.procpool.worker: …}, flushed at once: a halt may follow. */
  private static final class LineHandler extends Handler {
    private final PrintStream out;

    LineHandler(PrintStream out, String workerName) {
      this.out = out;
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
      if (isLoggable(record)) {
        out.print(getFormatter().format(record));
        out.flush();
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      flush(); // the stream is the process's stderr: others still write to it
    }
  }
}
