package io.procpool.examples.socket;

import com.google.inject.Module;
import io.procpool.tck.TransportContract;

/** The whole transport test kit over the example transport: this is all a plugin needs. */
class SocketTransportTest implements TransportContract {
  @Override
  public Module transportModule() {
    return new SocketTransportModule();
  }

  /** Workers inherit this JVM's stdout and stderr: the pool does not see what they print. */
  @Override
  public boolean capturesWorkerOutput() {
    return false;
  }
}
