package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.WorkerDiedException;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.tck.TransportTestKit;
import io.procpool.tck.LifecycleLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flight recording of a pool's life with real worker processes: each worker's start and
 * start-up, the death of one, and the one task that ran over the 20 ms threshold.
 */
class PipesFlightRecorderTest implements TransportTestKit {
  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Test
  void aRecordingShowsWorkersStartingAndDyingAndTheSlowTask(Pools pools, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("pool.jfr");
    long firstPid;
    long secondPid;
    try (Recording recording = new Recording(); LifecycleLog log = new LifecycleLog()) {
      for (String event : List.of("procpool.WorkerStart", "procpool.WorkerReady", "procpool.WorkerDeath",
          "procpool.TaskRun")) {
        recording.enable(event); // each with its own defaults: the task run's threshold is 20 ms
      }
      recording.start();
      Pool pool = pools.start(1);
      firstPid = pool.apply(TckTasks::pid);
      for (int i = 0; i < 20; i++) {
        pool.apply(TckTasks::square, i);
      }
      assertEquals(5, pool.apply(() -> TckTasks.sleepThenReturn(150, 5)));
      ExecutionException died = assertThrows(ExecutionException.class, () -> pool.apply(() -> TckTasks.halt(7)));
      assertInstanceOf(WorkerDiedException.class, died.getCause());
      secondPid = pool.apply(TckTasks::pid);
      pool.close();
      // The death is committed with its WARNING, once the worker's exit code is known.
      log.await(text -> text.startsWith("PoolWorker-1 (pid " + firstPid + ") died"), Duration.ofSeconds(10));
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);

    List<RecordedEvent> starts = named(events, "procpool.WorkerStart");
    assertEquals(List.of("PoolWorker-1", "PoolWorker-2"), strings(starts, "worker"));
    assertEquals(List.of(firstPid, secondPid), starts.stream().map(e -> e.getLong("pid")).collect(Collectors.toList()));
    assertNull(starts.get(0).getString("replacing"));
    assertEquals("PoolWorker-1", starts.get(1).getString("replacing"));
    assertEquals(starts.get(0).getEventType().getCategoryNames(), List.of("procpool"));

    List<RecordedEvent> ready = named(events, "procpool.WorkerReady");
    assertEquals(List.of("PoolWorker-1", "PoolWorker-2"), strings(ready, "worker"));
    for (RecordedEvent event : ready) {
      assertFalse(event.getDuration().isZero(), "it spans the start-up: " + event);
    }

    List<RecordedEvent> deaths = named(events, "procpool.WorkerDeath");
    assertEquals(1, deaths.size(), deaths.toString());
    RecordedEvent death = deaths.get(0);
    assertEquals("PoolWorker-1", death.getString("worker"));
    assertEquals(firstPid, death.getLong("pid"));
    assertEquals(7, death.getInt("exitCode"));
    assertEquals(23, death.getLong("runningTask"), "the 23rd task: pid, 20 squares, the slow one, then the halt");
    assertFalse(death.getBoolean("stoppedByPool"));

    // Every recorded run is over the threshold; the slow one is there, with the worker's own timing.
    List<RecordedEvent> runs = named(events, "procpool.TaskRun");
    for (RecordedEvent run : runs) {
      assertTrue(run.getDuration().compareTo(Duration.ofMillis(20)) >= 0, "under the threshold: " + run);
    }
    RecordedEvent slow = runs.stream().filter(run -> run.getLong("taskId") == 22).findFirst()
        .orElseThrow(() -> new AssertionError("the slow task is missing: " + runs));
    assertEquals("PoolWorker-1", slow.getString("worker"));
    assertEquals(1, slow.getInt("items"));
    assertTrue(slow.getBoolean("succeeded"));
    assertTrue(slow.getLong("runTime") >= TimeUnit.MILLISECONDS.toNanos(150), slow.toString());
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(event -> event.getEventType().getName().equals(name))
        .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).collect(Collectors.toList());
  }

  private static List<String> strings(List<RecordedEvent> events, String field) {
    return events.stream().map(event -> event.getString(field)).collect(Collectors.toList());
  }
}
