package io.procpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private final AgentRef a = new AgentRef(UUID.randomUUID(), "a", "127.0.0.1:1");
  private final AgentRef b = new AgentRef(UUID.randomUUID(), "b", "127.0.0.1:2");
  private final AgentRef c = new AgentRef(UUID.randomUUID(), "c", "127.0.0.1:3");
  private final List<RemoteWorkerProcess> live = new ArrayList<>();

  private AgentRef place(Placement placement) throws IOException {
    AgentRef agent = placement.next(live);
    live.add(new RemoteWorkerProcess("PoolWorker-" + (live.size() + 1), agent, p -> {}, p -> {}));
    return agent;
  }

  @Test
  void workersGoToTheAgentsInTurn() throws IOException {
    Placement placement = new Placement(Integer.MAX_VALUE);
    List.of(a, b, c).forEach(placement::add);
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      order.add(place(placement).name());
    }
    assertEquals(List.of("a", "b", "c", "a", "b", "c"), order);
  }

  @Test
  void aReplacementGoesToTheAgentWithFewestWorkersSuchAsOneThatJoinedLate() throws IOException {
    Placement placement = new Placement(Integer.MAX_VALUE);
    placement.add(a);
    placement.add(b);
    for (int i = 0; i < 4; i++) {
      place(placement);
    }
    placement.add(c);
    live.remove(0); // a's first worker died
    assertEquals("c", place(placement).name());
    assertEquals("a", place(placement).name());
  }

  @Test
  void noAgentGetsMoreThanWorkersPerMemberAndThePoolIsToldWhenAllAreFull() throws IOException {
    Placement placement = new Placement(1);
    placement.add(a);
    placement.add(b);
    place(placement);
    place(placement);
    IOException full = assertThrows(IOException.class, () -> placement.next(live));
    assertTrue(full.getMessage().contains("every agent (2) already runs 1 workers"), full.getMessage());
  }

  @Test
  void anAgentThatLeftGetsNoMoreAndWithoutAgentsTheErrorSaysHowToStartOne() throws IOException {
    Placement placement = new Placement(Integer.MAX_VALUE);
    placement.add(a);
    placement.add(b);
    placement.remove(a);
    assertEquals("b", place(placement).name());
    assertEquals("b", place(placement).name());
    placement.remove(b);
    IOException none = assertThrows(IOException.class, () -> placement.next(live));
    assertTrue(none.getMessage().contains("io.procpool.cluster.ClusterAgent --key-file"), none.getMessage());
  }
}
