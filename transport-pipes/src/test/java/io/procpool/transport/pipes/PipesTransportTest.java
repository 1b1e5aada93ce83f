package io.procpool.transport.pipes;

import com.google.inject.Module;
import io.procpool.tck.TransportContract;

/** The whole transport test kit, over pipes. */
class PipesTransportTest implements TransportContract {
  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Override
  public Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return new PipesTransportModule(maxFrameBytes);
  }
}
