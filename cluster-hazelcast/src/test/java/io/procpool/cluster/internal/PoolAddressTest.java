package io.procpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procpool.cluster.LocalCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoolAddressTest {
  @Test
  void membersAllOnLoopbackMeanAPoolOnLoopback() {
    assertEquals(InetAddress.getLoopbackAddress(), PoolAddress.toward(List.of("127.0.0.1:5701", "localhost:5702")));
  }

  @Test
  void aMemberElsewhereMeansTheAddressThisMachineSendsFromTowardIt() {
    Optional<InetAddress> mine = LocalCluster.networkAddress();
    assumeTrue(mine.isPresent(), "this machine has no address but loopback");
    String member = mine.get().getHostAddress() + ":5701";
    assertEquals(mine.get(), PoolAddress.toward(List.of("127.0.0.1:5701", member)));
  }

  @Test
  void anAgentOnAnotherMachineIsRefusedWhileThePoolListensOnLoopbackSayingWhatToDo() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertDoesNotThrow(() -> PoolAddress.requireReachable(new AgentRef(UUID.randomUUID(), "here", "127.0.0.1:5701"), loopback));
    // TEST-NET-1 (RFC 5737): an address no interface of this machine has
    AgentRef elsewhere = new AgentRef(UUID.randomUUID(), "there", "192.0.2.10:5701");
    IOException refused = assertThrows(IOException.class, () -> PoolAddress.requireReachable(elsewhere, loopback));
    assertTrue(refused.getMessage().contains("agent there (member 192.0.2.10:5701) is on another machine, but this pool"
        + " listens on loopback") && refused.getMessage().contains("poolAddress"), refused.getMessage());
    assertDoesNotThrow(() -> PoolAddress.requireReachable(elsewhere, InetAddress.getByName("192.0.2.2")));
  }
}
