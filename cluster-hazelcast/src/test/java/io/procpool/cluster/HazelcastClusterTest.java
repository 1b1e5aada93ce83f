package io.procpool.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** What a cluster module refuses before it reaches any cluster. */
class HazelcastClusterTest {
  @Test
  @ResourceLock(Resources.SYSTEM_PROPERTIES)
  void theNoArgumentConstructorNamesTheSystemPropertyItLacks() {
    String members = System.clearProperty(HazelcastCluster.MEMBERS_PROPERTY);
    try {
      IllegalStateException noMembers = assertThrows(IllegalStateException.class, HazelcastCluster::new);
      assertTrue(noMembers.getMessage().contains("procpool.cluster.members"), noMembers.getMessage());
      System.setProperty(HazelcastCluster.MEMBERS_PROPERTY, "127.0.0.1:5701");
      String keyFile = System.clearProperty(HazelcastCluster.KEY_FILE_PROPERTY);
      IllegalStateException noKey = assertThrows(IllegalStateException.class, HazelcastCluster::new);
      assertTrue(noKey.getMessage().contains("procpool.cluster.keyFile"), noKey.getMessage());
      if (keyFile != null) {
        System.setProperty(HazelcastCluster.KEY_FILE_PROPERTY, keyFile);
      }
    } finally {
      if (members == null) {
        System.clearProperty(HazelcastCluster.MEMBERS_PROPERTY);
      } else {
        System.setProperty(HazelcastCluster.MEMBERS_PROPERTY, members);
      }
    }
  }

  @Test
  void aFrameLimitOutsideTheNettyTransportsRangeIsRefusedSayingIt() {
    IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
        () -> HazelcastCluster.at("127.0.0.1:5701").keyFile(Path.of("cluster.key")).maxFrameBytes(10));
    assertTrue(tooSmall.getMessage().contains("maxFrameBytes must be between"), tooSmall.getMessage());
  }
}
