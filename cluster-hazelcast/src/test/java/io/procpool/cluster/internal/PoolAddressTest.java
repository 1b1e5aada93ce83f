package io.procpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SameMachineTest {
  @Test
  void anAgentOnLoopbackIsTakenAndOneOnAnotherMachineIsRefusedSayingWhy() {
    assertDoesNotThrow(() -> SameMachine.require(new AgentRef(UUID.randomUUID(), "here", "127.0.0.1:5701")));
    // TEST-NET-1 (RFC 5737): an address no interface of this machine has
    AgentRef elsewhere = new AgentRef(UUID.randomUUID(), "there", "192.0.2.10:5701");
    IOException refused = assertThrows(IOException.class, () -> SameMachine.require(elsewhere));
    assertTrue(refused.getMessage().contains("agent there (member 192.0.2.10:5701) is on another machine"),
        refused.getMessage());
  }
}
