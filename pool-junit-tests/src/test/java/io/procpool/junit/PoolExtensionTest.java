package io.procpool.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link PoolExtension} on sample test classes ({@link Samples}), run by the JUnit Platform's EngineTestKit. */
class PoolExtensionTest {

  @BeforeEach
  void reset() {
    Samples.reset();
  }

  /**
   * Whatever a sample left is ended, and nothing of the workers is left after this test either.
   * A pool a sample left running, whose workers the extension killed, may be starting a
   * replacement as it is terminated; such a straggler is killed here too.
   */
  @AfterEach
  void nothingIsLeft() throws Exception {
    Samples.releaseCallback.countDown();
    Samples.LEFT_RUNNING.forEach(Pool::terminate);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!PoolLeakCheck.liveWorkers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (!Samples.LEFT_RUNNING.isEmpty()) {
      for (ProcessHandle straggler : PoolLeakCheck.liveWorkers()) {
        straggler.destroyForcibly();
        straggler.onExit().get(10, TimeUnit.SECONDS);
      }
    }
    assertEquals(List.of(), PoolLeakCheck.liveWorkers().stream()
        .map(worker -> worker.pid() + " " + worker.info().commandLine().orElse("?")).collect(Collectors.toList()));
  }

  private static EngineExecutionResults run(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample))
        .configurationParameter(PoolExtension.LEAK_GRACE_PROPERTY, "300 ms")
        .configurationParameter(PoolExtension.CLOSE_TIMEOUT_PROPERTY, "5 s")
        .execute();
  }

  /** The failures of the sample's tests (its class may fail too, for what it left beyond them). */
  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.testEvents().failed().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
        .collect(Collectors.toList());
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = failures(results);
    assertEquals(1, failures.size(), failures.toString());
    return failures.get(0);
  }

  private static String workerReport(Throwable failure) {
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed.getClass().getSimpleName().equals("WorkersAtFailure")) {
        return suppressed.getMessage();
      }
    }
    throw new AssertionError("no worker report on " + failure, failure);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void assertClosed(Pool pool) {
    assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1), "the pool still takes tasks");
  }

  @Test
  void eachTestGetsAPoolOfItsOwnClosedAfterIt() {
    run(Samples.PoolPerTest.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertEquals(2, Samples.POOLS.size());
    assertNotSame(Samples.POOLS.get(0), Samples.POOLS.get(1));
    Samples.POOLS.forEach(PoolExtensionTest::assertClosed);
    Samples.WORKER_PIDS.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " outlived its test"));
  }

  @Test
  void testsRunningInParallelEachGetTheirOwnPoolAndNeitherIsBlamedForTheOthers() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Samples.InParallel.class))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter(PoolExtension.LEAK_GRACE_PROPERTY, "300 ms")
        .execute().allEvents().assertStatistics(stats -> stats.failed(0));

    assertEquals(2, Set.copyOf(Samples.POOLS).size());
    Samples.POOLS.forEach(PoolExtensionTest::assertClosed);
    Samples.WORKER_PIDS.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " outlived its test"));
  }

  @Test
  void aClassScopedPoolServesBeforeAllTheFieldAndEveryTestThenIsClosed() {
    run(Samples.PoolPerClass.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertEquals(3, Samples.POOLS.size());
    assertEquals(1, Set.copyOf(Samples.POOLS).size(), "one pool for the class: " + Samples.POOLS);
    assertEquals(Samples.WORKER_PIDS.get(0), Samples.WORKER_PIDS.get(1), "the same worker served both tests");
    assertClosed(Samples.POOLS.get(0));
    assertFalse(alive(Samples.WORKER_PIDS.get(0)));
  }

  @Test
  void aWorkerTheClassPoolReplacedDuringATestIsNotThatTestsLeakAndIsGoneAfterTheClass() {
    run(Samples.ClassPoolReplacesAWorker.class).allEvents().assertStatistics(stats -> stats.failed(0));

    assertNotEquals(Samples.WORKER_PIDS.get(0), Samples.WORKER_PIDS.get(1));
    assertClosed(Samples.POOLS.get(0));
    Samples.WORKER_PIDS.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " outlived the class"));
  }

  @Test
  void aMethodsAnnotationWinsNestedClassesInheritTheOutersAndAFactoryBuildsWhatAnnotationsCannot() {
    run(Samples.MethodWinsAndNestedInherit.class).testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

    assertEquals(3, Set.copyOf(Samples.POOLS).size());
    Samples.POOLS.forEach(PoolExtensionTest::assertClosed);
  }

  @Test
  void aWorkerLeftByAPoolTheTestBuiltItselfFailsTheTestNamingItsPid() {
    Throwable failure = onlyFailure(run(Samples.LeavesAWorker.class));

    long pid = Samples.WORKER_PIDS.get(0);
    assertTrue(failure instanceof AssertionError, failure.toString());
    String message = failure.getMessage();
    assertTrue(message.contains("worker process pid " + pid + " (PoolWorker-1) was still alive 300 ms after the end"
        + " of buildsItsOwnPoolAndForgetsIt(), and was killed"), message);
    assertTrue(message.contains("pool thread 'procpool-pipes-PoolWorker-1'"), message);
  }

  @Test
  void aFailingTestsReportShowsWhatItsWorkersWroteToStandardError() {
    Throwable failure = onlyFailure(run(Samples.FailsAfterAWorkerPrinted.class));

    assertEquals("on purpose", failure.getMessage());
    String report = workerReport(failure);
    assertTrue(report.contains("PoolWorker-1 (pid ") && report.contains("| sample: the line the report must show"), report);
  }

  @Test
  void aWorkerThatDiedUnderTheTestIsNamedInItsReport() {
    Throwable failure = onlyFailure(run(Samples.WorkerDies.class));

    String report = workerReport(failure);
    assertTrue(report.contains("workers that died under the failing test's tasks"), report);
    assertTrue(report.contains("PoolWorker-1: PoolWorker-1 (pid ") && report.contains("exit code 3"), report);
    assertTrue(report.contains("sample: last words"), report);
  }

  /** The report on its own, as the transport kit adds it to a failing kit test. */
  @Test
  void theReportAloneShowsAPoolsWorkersStandardError() throws Exception {
    PoolLeakCheck leaks = PoolLeakCheck.begin();
    try (Pool pool = ProcessPool.builder().workers(1).transport("pipes").build()) {
      pool.apply(() -> {
        System.err.println("sample: said before the failure");
        return null;
      });
      AssertionError failure = PoolFailureReport.attachTo(new AssertionError("a kit test failed"), List.of(pool));
      assertTrue(workerReport(failure).contains("| sample: said before the failure"), workerReport(failure));
    }
    leaks.assertNothingOutlived(Duration.ofSeconds(10));
  }

  @Test
  void aCallbackStillRunningAfterTheTestFailsItAsALeakedPoolThread() {
    Throwable failure = onlyFailure(run(Samples.CallbackNeverReturns.class));

    assertTrue(failure.getMessage().contains("pool thread 'procpool-callbacks' (TIMED_WAITING) was still alive 300 ms after the end"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("Samples$CallbackNeverReturns"), "the message shows where it is stuck: "
        + failure.getMessage());
  }

  @Test
  void threadsOfAPoolLeftRunningFailTheTestEvenWithoutProcesses() {
    Throwable failure = onlyFailure(run(Samples.LeavesAThreadPool.class));

    assertTrue(failure.getMessage().contains("pool thread 'procpool-inprocess-PoolWorker-1"), failure.getMessage());
    assertFalse(failure.getMessage().contains("worker process"), failure.getMessage());
  }

  @Test
  void aTestThatAsksForAPoolWithNoTransportOnTheClassPathIsToldWhatToAdd() {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    thread.setContextClassLoader(new WithoutTransports(original));
    Throwable failure;
    try {
      failure = onlyFailure(run(Samples.DefaultTransport.class));
    } finally {
      thread.setContextClassLoader(original);
    }
    String messages = messages(failure);
    assertTrue(messages.contains("@WithPool on " + Samples.DefaultTransport.class.getName()
        + ": the pool cannot be built: No procpool transport on the class path"), messages);
    assertTrue(messages.contains("Add a transport to the test class path (io.procpool:transport-pipes"), messages);
    assertEquals(List.of(), Samples.POOLS);
  }

  @Test
  void aFactoryWithOtherSettingsBesideItIsRefused() {
    String messages = messages(onlyFailure(run(Samples.BuilderAndAttributes.class)));

    assertTrue(messages.contains("builder = \"unused\" configures the pool alone"), messages);
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable at = failure; at != null; at = at.getCause()) {
      all.append(at).append('\n');
    }
    return all.toString();
  }

  /** The class path as it is, but for the service files that announce transports. */
  private static final class WithoutTransports extends ClassLoader {
    private static final String PROVIDERS = "META-INF/services/io.procpool.spi.TransportProvider";

    WithoutTransports(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(PROVIDERS) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
