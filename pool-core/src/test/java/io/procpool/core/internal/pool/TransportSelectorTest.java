package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransportSelectorTest {
  @Test
  void unknownNameIsAnErrorThatListsTheKnownOnes() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TransportSelector.select("carrier-pigeon"));
    assertTrue(error.getMessage().contains("carrier-pigeon") && error.getMessage().contains("known transports"),
        error.getMessage());
  }

  @Test
  void oneOfOurTransportsMissingFromTheClassPathNamesItsArtifact() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TransportSelector.select("InProcess"));
    assertTrue(error.getMessage().startsWith(
        "Unknown procpool transport 'InProcess': add the dependency io.procpool:transport-inprocess; known transports:"),
        error.getMessage());
  }

  @Test
  void noTransportOnTheClassPathNamesTheArtifactToAdd() {
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> TransportSelector.select(null));
    assertTrue(error.getMessage().contains("io.procpool:transport-pipes"), error.getMessage());
  }
}
