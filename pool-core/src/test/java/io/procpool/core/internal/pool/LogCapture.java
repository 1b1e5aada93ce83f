package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the pool logs (logger io.procpool.pool, through System.Logger: the JDK's logging by default) in a test. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger(Loggers.POOL);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
