package io.procpool.tck;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every record of procpool's loggers (all under {@code io.procpool}) while a test runs, at every
 * level: the JDK's logging is System.Logger's default backend, so a handler on it sees them. For
 * tests of what a pool logs of its life; close it after the test.
 */
public final class LifecycleLog extends Handler implements AutoCloseable {
  /** Held: the JDK's logging keeps loggers weakly, and would forget the level set here. */
  private final Logger procpool = Logger.getLogger("io.procpool");
  private final Level levelBefore = procpool.getLevel();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Starts recording every level of {@code io.procpool}'s loggers, until {@link #close()}. */
  public LifecycleLog() {
    setLevel(Level.ALL);
    procpool.setLevel(Level.ALL);
    procpool.addHandler(this);
  }

  /** Keeps {@code record}. */
  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /**
   * {@return a record's message with its parameters in place}
   *
   * @param record the record
   */
  public static String text(LogRecord record) {
    return record.getParameters() == null ? record.getMessage()
        : MessageFormat.format(record.getMessage(), record.getParameters());
  }

  /** {@return the records so far, oldest first} */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Waits (a worker's exit is reported once its exit code is known) for a record whose text passes.
   *
   * @param text what the record's text must pass
   * @param patience how long to wait at most
   * @return the first such record
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none came in time, listing the records there are
   */
  public LogRecord await(Predicate<String> text, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      for (LogRecord record : records) {
        if (text.test(text(record))) {
          return record;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no such record within " + patience + "; records: " + texts());
      }
      Thread.sleep(10);
    }
  }

  /** {@return every record so far as level, logger and text} */
  public List<String> texts() {
    return records.stream().map(record -> record.getLevel() + " " + record.getLoggerName() + ": " + text(record)).toList();
  }

  /** Nothing to flush: records are kept as they come. */
  @Override
  public void flush() {}

  /** Stops recording, and gives the loggers their level back. */
  @Override
  public void close() {
    procpool.removeHandler(this);
    procpool.setLevel(levelBefore);
  }
}
