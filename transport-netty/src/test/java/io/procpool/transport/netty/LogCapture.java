package io.procpool.transport.netty;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects what the transport logs (through the JDK's logging) while a test runs. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger(NettyTransport.class.getPackageName());
  private final List<String> messages = new CopyOnWriteArrayList<>();

  LogCapture() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    messages.add(record.getMessage());
  }

  /** The messages that contain {@code text}. */
  List<String> containing(String text) {
    return messages.stream().filter(message -> message.contains(text)).collect(Collectors.toList());
  }

  List<String> all() {
    return List.copyOf(messages);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
