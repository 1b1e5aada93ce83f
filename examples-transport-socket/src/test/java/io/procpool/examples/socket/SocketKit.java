package io.procpool.examples.socket;

import com.google.inject.Module;
import io.procpool.spi.Transport;
import io.procpool.tck.Impostor;
import io.procpool.tck.TransportTestKit;

/**
 * What the kit needs to know of the example transport: all a plugin needs. Its two halves run in
 * two test classes, {@link SocketTransportTest} and {@link SocketFaultsAndLifecycleTest}, in two
 * test JVMs side by side; one class implementing {@code TransportContract} runs the same tests.
 */
abstract class SocketKit implements TransportTestKit {
  @Override
  public Module transportModule() {
    return new SocketTransportModule();
  }

  /** Strangers knock at a waiting worker's own socket, which this test, in the package, can find. */
  @Override
  public Impostor impostor(Transport transport) {
    return new SocketImpostor((SocketTransport) transport);
  }

  // The example has no frame limit to set, so it gives no transportModuleWithFrameLimit: the kit
  // skips and reports its FRAME_LIMIT tests. What workers print the worker runtime carries inside
  // the protocol, so CAPTURES_OUTPUT holds without the transport doing anything.
}
