package io.procpool.transport.pipes;

import com.google.inject.Module;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportTestKit;
import java.util.Set;

/** What the kit needs to know of pipes; its two halves run in two test classes, side by side. */
abstract class PipesKit implements TransportTestKit {
  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Override
  public Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return new PipesTransportModule(maxFrameBytes);
  }

  /**
   * A worker's frames travel on its own stdin and stdout: pipes the pool creates for that one
   * process as it starts it, and nobody else holds. Nothing listens, so a stranger has no door to
   * knock on, and ImpostorContract has nothing to test.
   */
  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return Set.of(TransportCapability.ACCEPTS_CONNECTIONS);
  }
}
