package io.procpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void aLaunchRequestReadsBackAsItWasWritten() throws Exception {
    Messages.Launch launch = new Messages.Launch("PoolWorker-1", "Main", List.of("ab a.jar"), "https://h:1", "token",
        "sha256:pin", List.of("-Xmx64m"), Map.of("k", "v"), Map.of("E", "1"), new byte[] {1, 2},
        "", "/tmp");
    Messages.Launch read = Messages.Launch.decode(launch.encode());
    assertEquals(launch.workerName(), read.workerName());
    assertEquals(launch.codePin(), read.codePin());
    assertEquals(launch.jvmOptions(), read.jvmOptions());
    assertArrayEquals(launch.stdin(), read.stdin());
    assertEquals("", read.javaExecutable());
    assertEquals("/tmp", read.workingDirectory());
  }

  /** The layout before the code server's pin: the worker's name, then the main class. */
  @Test
  void aRequestOfAnotherVersionsLayoutIsUnreadableButNamesItsWorkerSoThatThePoolCanBeTold() {
    byte[] older = OlderLayout.launch("PoolWorker-3");
    Messages.UnreadableLaunch unreadable = assertThrows(Messages.UnreadableLaunch.class, () -> Messages.Launch.decode(older));
    assertEquals("PoolWorker-3", unreadable.workerName());
    assertTrue(unreadable.getMessage().contains("run the same procpool version on the pool and its agents"),
        unreadable.getMessage());
  }

  @Test
  void aBodyTooShortForANameIsUnreadableWithoutOne() {
    Messages.UnreadableLaunch unreadable = assertThrows(Messages.UnreadableLaunch.class,
        () -> Messages.Launch.decode(new byte[] {0, 0}));
    assertNull(unreadable.workerName());
  }
}
