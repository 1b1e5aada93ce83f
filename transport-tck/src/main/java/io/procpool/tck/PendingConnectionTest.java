package io.procpool.tck;

import io.procpool.spi.Connection;
import io.procpool.spi.Transport;

/** What a {@link ConnectionContract} test does to a connection whose worker exited before it ever connected. */
interface PendingConnectionTest {
  void run(Transport transport, Connection connection, ConnectionRecord record) throws Exception;
}
