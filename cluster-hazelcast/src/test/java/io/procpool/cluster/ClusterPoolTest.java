package io.procpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.WorkerDiedException;
import io.procpool.cluster.internal.ClusterKey;
import io.procpool.cluster.internal.HazelcastSettings;
import io.procpool.cluster.internal.Sealed;
import io.procpool.core.ProcessPool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool over three agents, each a member JVM of a Hazelcast cluster on 127.0.0.1. The tests run
 * in order on one cluster, as its life would go: spread, refusals, the loss of an agent, a late one.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterPoolTest {
  @TempDir
  static Path directory;
  static LocalCluster cluster;

  @BeforeAll
  static void startAgents() throws Exception {
    cluster = LocalCluster.start(3);
  }

  @AfterAll
  static void stopAgentsAndCheckNothingIsLeft() throws Exception {
    if (cluster == null) {
      return;
    }
    List<ProcessHandle> workers = cluster.workers();
    cluster.close();
    for (ProcessHandle worker : workers) {
      assertFalse(worker.isAlive(), "worker " + worker.pid() + " left behind");
    }
    List<String> hazelcastThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith("hz.") || name.contains("procpool-pool-")).collect(Collectors.toList());
    assertEquals(List.of(), hazelcastThreads, "Hazelcast threads left in the pool's JVM");
  }

  /** A Hazelcast client of the agents' cluster that is no pool: a rogue member, say. */
  private static HazelcastInstance clientOfTheCluster() {
    return HazelcastClient.newHazelcastClient(HazelcastSettings.client(cluster.clusterName(), List.of(cluster.members(3))));
  }

  private static Pool pool(int workers) {
    return ProcessPool.builder().transport(cluster.module()).workers(workers).build();
  }

  /** Where a task ran: its agent, worker and pid. */
  static String whereAmI(Integer sleepMillis) throws InterruptedException {
    Thread.sleep(sleepMillis);
    return System.getProperty("procpool.cluster.agent") + "/" + CurrentProcess.name() + "/" + ProcessHandle.current().pid();
  }

  /** Says it has begun (a file in {@code startedDir}), then runs for {@code millis}. */
  static String beginThenSleep(String startedDir, int millis) throws Exception {
    java.nio.file.Files.createFile(Path.of(startedDir, UUID.randomUUID().toString()));
    return whereAmI(millis);
  }

  private static long fileCount(Path directory) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(directory)) {
      return files.count();
    }
  }

  private static String agentOf(String where) {
    return where.substring(0, where.indexOf('/'));
  }

  private static Map<String, Long> workersByAgent(List<String> where) {
    return where.stream().distinct().collect(Collectors.groupingBy(ClusterPoolTest::agentOf, TreeMap::new,
        Collectors.counting()));
  }

  private static List<Integer> times(int count, int value) {
    return IntStream.range(0, count).mapToObj(i -> value).collect(Collectors.toList());
  }

  @Test
  @Order(1)
  void sixWorkersAreSpreadTwoByTwoOverThreeAgentsAndMapRunsOnAllOfThem() throws Exception {
    try (Pool pool = pool(6)) {
      List<String> where = pool.map(ClusterPoolTest::whereAmI, times(600, 10), 1);
      assertEquals(600, where.size());
      assertEquals(Map.of("agent-1", 2L, "agent-2", 2L, "agent-3", 2L), workersByAgent(where),
          "workers by agent: " + where.stream().distinct().sorted().collect(Collectors.toList()));
    }
  }

  static String classPath(Integer item) {
    return System.getProperty("procpool.cluster.agent") + "=" + System.getProperty("java.class.path");
  }

  @Test
  @Order(2)
  void workersRunFromTheJarsTheirAgentFetchedOnceAndASecondPoolFetchesNothing() throws Exception {
    Map<Path, java.nio.file.attribute.FileTime> cached = new TreeMap<>();
    for (String agent : List.of("agent-1", "agent-2", "agent-3")) {
      try (var files = java.nio.file.Files.list(cluster.jarCache(agent))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          cached.put(file, java.nio.file.Files.getLastModifiedTime(file));
        }
      }
    }
    assertFalse(cached.isEmpty(), "the first pool's jars were fetched");
    try (Pool pool = pool(3)) {
      for (String entry : pool.map(ClusterPoolTest::classPath, times(30, 0), 1)) {
        String agent = entry.substring(0, entry.indexOf('='));
        for (String path : entry.substring(entry.indexOf('=') + 1).split(java.io.File.pathSeparator)) {
          assertTrue(Path.of(path).startsWith(cluster.jarCache(agent)), agent + "'s worker ran from " + path);
          assertTrue(path.matches(".*/[0-9a-f]{64}\\.jar"), path);
        }
      }
    }
    Map<Path, java.nio.file.attribute.FileTime> after = new TreeMap<>();
    for (String agent : List.of("agent-1", "agent-2", "agent-3")) {
      try (var files = java.nio.file.Files.list(cluster.jarCache(agent))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          after.put(file, java.nio.file.Files.getLastModifiedTime(file));
        }
      }
    }
    assertEquals(cached, after, "the second pool's jars were all held already: none fetched again");
    assertEquals(1, count(cluster.logOf("agent-1"), "fetched"), "agent-1 fetched once, for the first pool's first worker: "
        + cluster.logOf("agent-1"));
  }

  @Test
  @Order(3)
  void requestsNotSealedWithTheClusterKeyOrReplayedStartNothingAndAreLogged() throws Exception {
    HazelcastInstance rogue = clientOfTheCluster();
    try {
      Member agent = rogue.getCluster().getMembers().stream()
          .filter(m -> "agent-1".equals(m.getAttribute(HazelcastSettings.AGENT_ATTRIBUTE))).findFirst().orElseThrow();
      var inbox = rogue.<byte[]>getTopic(HazelcastSettings.inbox(agent.getUuid()));
      List<byte[]> overheard = new CopyOnWriteArrayList<>();
      inbox.addMessageListener(message -> overheard.add(message.getMessageObject()));
      try (Pool pool = pool(3)) { // a real pool's requests, which the rogue overhears
        pool.map(ClusterPoolTest::whereAmI, times(3, 0), 1);
      }
      assertFalse(overheard.isEmpty(), "the rogue member overheard agent-1's requests");
      java.util.Set<Long> before = pids(cluster.workers());

      Path otherKeyFile = directory.resolve("other.key");
      ClusterKey.generate(otherKeyFile);
      inbox.publish(new byte[] {1, 2, 3});                                          // unsigned
      byte[] forged = overheard.get(0).clone();
      forged[forged.length - 1] ^= 1;
      inbox.publish(forged);                                                         // bad signature
      inbox.publish(overheard.get(0));                                               // replayed
      inbox.publish(new Sealed(ClusterKey.readFrom(otherKeyFile), Clock.systemUTC())  // another key
          .seal(Sealed.Kind.LAUNCH, UUID.randomUUID(), agent.getUuid(), new byte[64]));

      String expected = "refused a message";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (count(cluster.logOf("agent-1"), expected) < 4 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      String log = cluster.logOf("agent-1");
      assertEquals(4, count(log, expected), log);
      assertTrue(log.contains("too short to be a sealed message"), log);
      assertTrue(log.contains("not sealed with this cluster's key"), log);
      assertTrue(log.contains("seen before (a replay)"), log);
      java.util.Set<Long> started = pids(cluster.workers());
      started.removeAll(before);
      assertEquals(java.util.Set.of(), started, "no worker was started");
    } finally {
      rogue.shutdown();
    }
  }

  private static java.util.Set<Long> pids(List<ProcessHandle> processes) {
    return processes.stream().map(ProcessHandle::pid).collect(Collectors.toCollection(java.util.HashSet::new));
  }

  private static long count(String text, String part) {
    return text.lines().filter(line -> line.contains(part)).count();
  }

  @Test
  @Order(4)
  void whenAnAgentIsKilledItsWorkersExitItsStartedTasksFailNamingItAndTheRestCompleteElsewhere() throws Exception {
    try (Pool pool = pool(6)) {
      List<String> where = pool.map(ClusterPoolTest::whereAmI, times(60, 5), 1);
      List<Long> agent2Workers = where.stream().distinct().filter(w -> agentOf(w).equals("agent-2"))
          .map(w -> Long.parseLong(w.substring(w.lastIndexOf('/') + 1))).collect(Collectors.toList());
      assertEquals(2, agent2Workers.size(), where.toString());

      Path started = java.nio.file.Files.createTempDirectory(directory, "started");
      String startedDir = started.toString();
      List<AsyncResult<String>> running = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        running.add(pool.applyAsync(() -> beginThenSleep(startedDir, 3000)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (fileCount(started) < 6 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(6, fileCount(started), "each worker has begun a task");
      cluster.agent(1).destroyForcibly(); // SIGKILL agent-2, while its two workers run a task each

      List<String> completed = new ArrayList<>();
      List<WorkerDiedException> died = new ArrayList<>();
      for (AsyncResult<String> result : running) {
        try {
          completed.add(result.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          died.add(assertInstanceOf(WorkerDiedException.class, e.getCause()));
        }
      }
      assertEquals(2, died.size(), "the two tasks agent-2's workers had begun: " + died);
      for (WorkerDiedException e : died) {
        assertTrue(e.getMessage().contains("agent agent-2"), e.getMessage());
      }
      assertEquals(22, completed.size());
      assertTrue(completed.stream().noneMatch(w -> agentOf(w).equals("agent-2")), completed.toString());
      for (long pid : agent2Workers) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
      }

      List<String> after = pool.map(ClusterPoolTest::whereAmI, times(120, 10), 1);
      assertEquals(Map.of("agent-1", 3L, "agent-3", 3L), workersByAgent(after),
          "replacements on the agents left: " + after.stream().distinct().sorted().collect(Collectors.toList()));
    }
  }

  @Test
  @Order(5)
  void anAgentThatJoinsLaterGetsTheReplacementOfAWorkerThatDied() throws Exception {
    try (Pool pool = pool(4)) {
      pool.map(ClusterPoolTest::whereAmI, times(40, 5), 1);
      cluster.addAgents(1); // agent-4
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      List<String> where;
      do { // the pool may hear of agent-4 a moment after it joined: replace workers until one lands there
        AsyncResult<Integer> dies = pool.applyAsync(ClusterPoolTest::exit, 3);
        try {
          dies.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
          // its worker exited; a replacement starts, on the agent with the fewest
        }
        do { // until the replacement is up and takes items
          where = pool.map(ClusterPoolTest::whereAmI, times(80, 10), 1);
        } while (where.stream().distinct().count() < 4 && System.nanoTime() < deadline);
      } while (!workersByAgent(where).containsKey("agent-4") && System.nanoTime() < deadline);
      assertTrue(workersByAgent(where).getOrDefault("agent-4", 0L) >= 1, "a replacement went to the new agent: " + where);
    }
  }

  @Test
  @Order(6)
  void theWorkersOfAPoolWhoseJvmIsKilledExitByThemselves() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PoolThatDies.class.getName(), cluster.clusterName(),
        cluster.keyFile().toString()));
    command.addAll(List.of(cluster.members(3)));
    Process program = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(program.getInputStream())).readLine();
      assertTrue(line != null && line.startsWith("workers "), "the program's first line: " + line);
      List<ProcessHandle> workers = java.util.Arrays.stream(line.substring("workers ".length()).split(","))
          .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow()).collect(Collectors.toList());
      assertEquals(3, workers.size(), line);
      program.destroyForcibly().waitFor();
      for (ProcessHandle worker : workers) {
        assertTrue(worker.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join() != null,
            "worker " + worker.pid() + " still runs 20 s after its pool's JVM was killed");
      }
    } finally {
      program.destroyForcibly();
    }
  }

  @Test
  @Order(7)
  void aPoolWithAnotherKeyIsRefusedByTheAgentsAndBreaksSayingWhatToCheckInsteadOfWaiting() throws Exception {
    Path otherKey = directory.resolve("another-cluster.key");
    ClusterKey.generate(otherKey);
    HazelcastCluster wrongKey = cluster.pointedAt().keyFile(otherKey).answerWithin(java.time.Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    Exception failed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
      try (Pool pool = ProcessPool.builder().transport(wrongKey).workers(2).build()) {
        pool.map(ClusterPoolTest::whereAmI, times(4, 0), 1);
      }
    });
    StringBuilder chain = new StringBuilder();
    for (Throwable e = failed; e != null; e = e.getCause()) {
      chain.append(e).append('\n');
    }
    assertTrue(chain.toString().contains("did not answer the request to start"), chain.toString());
    assertTrue(chain.toString().contains("same cluster key file as this pool"), chain.toString());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "it failed, and did not wait for long");
  }

  /** A pool of another procpool version, as far as the agent can tell: the request is sealed right, its body of an older layout. */
  @Test
  @Order(8)
  void aSealedRequestTheAgentCannotReadIsAnsweredAtOnceNamingTheWorkerAndWhy() throws Exception {
    HazelcastInstance olderPool = clientOfTheCluster();
    try {
      UUID me = olderPool.getLocalEndpoint().getUuid();
      Sealed sealed = new Sealed(ClusterKey.readFrom(cluster.keyFile()), Clock.systemUTC());
      java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
      olderPool.<byte[]>getTopic(HazelcastSettings.inbox(me)).addMessageListener(message -> {
        try {
          Sealed.Opened opened = sealed.open(message.getMessageObject(), me);
          answer.complete(opened.kind() + " " + io.procpool.cluster.internal.Messages.Started.decode(opened.body()));
        } catch (Exception e) {
          answer.completeExceptionally(e);
        }
      });
      Member agent = olderPool.getCluster().getMembers().stream()
          .filter(m -> m.getAttribute(HazelcastSettings.AGENT_ATTRIBUTE) != null).findFirst().orElseThrow();
      java.util.Set<Long> before = pids(cluster.workers());
      byte[] olderLayout = io.procpool.cluster.internal.OlderLayout.launch("PoolWorker-old");
      olderPool.<byte[]>getTopic(HazelcastSettings.inbox(agent.getUuid()))
          .publish(sealed.seal(Sealed.Kind.LAUNCH, me, agent.getUuid(), olderLayout));

      String started = answer.get(20, TimeUnit.SECONDS);
      assertTrue(started.startsWith("STARTED Started[workerName=PoolWorker-old, pid=-1, failure=agent ")
          && started.contains("run the same procpool version on the pool and its agents"), started);
      java.util.Set<Long> now = pids(cluster.workers());
      now.removeAll(before);
      assertEquals(java.util.Set.of(), now, "no worker was started");
    } finally {
      olderPool.shutdown();
    }
  }

  static Integer exit(Integer code) {
    Runtime.getRuntime().halt(code);
    return code;
  }
}
