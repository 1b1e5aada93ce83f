package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.util.concurrent.atomic.AtomicLong;

/** The transport under test, counting the bytes of the frames the pool sends its workers. */
final class CountingTransport extends WrappedTransport {
  private final AtomicLong sent = new AtomicLong();

  CountingTransport(Module transportModule) {
    super(transportModule);
  }

  /** The bytes of every frame sent to a worker so far. */
  long bytesSent() {
    return sent.get();
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    Connection connection = transport.connect(worker, listener);
    return new Connection() {
      @Override
      public void send(byte[] frame) {
        sent.addAndGet(frame.length);
        connection.send(frame);
      }

      @Override
      public int maxFrameBytes() {
        return connection.maxFrameBytes();
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
