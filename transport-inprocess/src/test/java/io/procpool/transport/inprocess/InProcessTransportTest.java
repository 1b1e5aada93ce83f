package io.procpool.transport.inprocess;

import static io.procpool.tck.TransportCapability.ACCEPTS_CONNECTIONS;
import static io.procpool.tck.TransportCapability.CAPTURES_OUTPUT;
import static io.procpool.tck.TransportCapability.ISOLATES_CRASHES;
import static io.procpool.tck.TransportCapability.KILLS_RUNNING_TASKS;
import static io.procpool.tck.TransportCapability.SEPARATE_PROCESSES;
import static io.procpool.tck.TransportCapability.WORKERS_EXIT_WITH_PARENT;
import static io.procpool.tck.TransportCapability.WORKER_JVM_SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import com.google.inject.Module;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportContract;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The whole transport test kit, on worker threads. */
class InProcessTransportTest implements TransportContract {
  @Override
  public Module transportModule() {
    return new InProcessTransportModule();
  }

  /** The kit checks that no worker process is left; here no worker thread may be either. */
  @Override
  public void afterPoolsTerminated() throws InterruptedException {
    assertEquals(List.of(), WorkerThreadsLeft.await(Duration.ofSeconds(10)), "worker threads left");
  }

  /**
   * Threads of one JVM share its pid, statics, streams and fate, and Java cannot stop a thread:
   * a killed worker's running task fails and is replaced, but a task that ignores interrupts runs
   * on (InProcessWorkersTest covers what does work). Frames go through memory, from one object
   * to another: nothing listens that another process could reach, so there is no door for
   * ImpostorContract's strangers.
   */
  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return Set.of(SEPARATE_PROCESSES, KILLS_RUNNING_TASKS, ISOLATES_CRASHES, CAPTURES_OUTPUT,
        WORKER_JVM_SETTINGS, WORKERS_EXIT_WITH_PARENT, ACCEPTS_CONNECTIONS);
  }
}
