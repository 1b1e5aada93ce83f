package io.procpool.examples.socket;

import com.google.inject.Module;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportContract;
import java.util.Set;

/** The whole transport test kit over the example transport: this is all a plugin needs. */
class SocketTransportTest implements TransportContract {
  @Override
  public Module transportModule() {
    return new SocketTransportModule();
  }

  /**
   * Workers inherit this JVM's stdout and stderr: the pool does not see what they print. And the
   * example has no frame limit to set, so it gives no transportModuleWithFrameLimit: the kit
   * skips and reports its FRAME_LIMIT tests.
   */
  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return Set.of(TransportCapability.CAPTURES_OUTPUT);
  }
}
