package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procpool.spi.WorkerLaunchSpec;
import org.junit.jupiter.api.Test;

/** What the transport adds to a worker's launch, and what it leaves alone. */
class NettyLaunchSpecTest {
  private final NettyTransport transport = new NettyTransport(NettyTransportOptions.defaults());

  @Test
  void workerGetsTheEndpointInheritedStdoutAndTheUnpooledAllocator() {
    WorkerLaunchSpec spec = new WorkerLaunchSpec("PoolWorker-1");
    transport.configure(spec);
    assertEquals(NettyWorkerEndpoint.class.getName(), spec.systemProperties().get(WorkerLaunchSpec.ENDPOINT_PROPERTY));
    assertEquals(WorkerLaunchSpec.Stdout.INHERIT, spec.stdout());
    assertEquals("unpooled", spec.systemProperties().get(NettyTransport.WORKER_ALLOCATOR_PROPERTY));
    assertNull(transport.listeningAddress(), "configure must start nothing");
  }

  @Test
  void usersOwnAllocatorChoiceWins() {
    WorkerLaunchSpec spec = new WorkerLaunchSpec("PoolWorker-1");
    spec.systemProperties().put(NettyTransport.WORKER_ALLOCATOR_PROPERTY, "pooled");
    transport.configure(spec);
    assertEquals("pooled", spec.systemProperties().get(NettyTransport.WORKER_ALLOCATOR_PROPERTY));
  }
}
