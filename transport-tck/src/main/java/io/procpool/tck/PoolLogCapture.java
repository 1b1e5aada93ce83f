package io.procpool.tck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects the warnings the pool logs (through {@code System.Logger}, the JDK's logging by default) while a test runs. */
final class PoolLogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.procpool.pool");
  private final List<String> messages = new CopyOnWriteArrayList<>();

  PoolLogCapture() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    Object[] parameters = record.getParameters();
    String message = record.getMessage();
    if (parameters != null) {
      message = java.text.MessageFormat.format(message, parameters);
    }
    messages.add(message);
  }

  /** The messages that contain {@code text}. */
  List<String> containing(String text) {
    return messages.stream().filter(message -> message.contains(text)).collect(Collectors.toList());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
