package io.procpool.transport.inprocess;

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
 * level: the JDK's logging is System.Logger's default backend, so a handler on it sees them.
 */
final class LifecycleLog extends Handler implements AutoCloseable {
  /** Held: the JDK's logging keeps loggers weakly, and would forget the level set here. */
  private final Logger procpool = Logger.getLogger("io.procpool");
  private final Level levelBefore = procpool.getLevel();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LifecycleLog() {
    setLevel(Level.ALL);
    procpool.setLevel(Level.ALL);
    procpool.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** A record's message with its parameters in place. */
  static String text(LogRecord record) {
    return record.getParameters() == null ? record.getMessage()
        : MessageFormat.format(record.getMessage(), record.getParameters());
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Waits (a worker's exit is reported once its exit code is known) for a record whose text passes. */
  LogRecord await(Predicate<String> text, Duration patience) throws InterruptedException {
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

  List<String> texts() {
    return records.stream().map(record -> record.getLevel() + " " + record.getLoggerName() + ": " + text(record)).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    procpool.removeHandler(this);
    procpool.setLevel(levelBefore);
  }
}
