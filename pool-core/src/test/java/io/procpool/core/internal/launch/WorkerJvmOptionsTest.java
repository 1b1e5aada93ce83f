package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkerJvmOptionsTest {
  private static final List<String> CDS = List.of("-XX:SharedArchiveFile=/cache/worker-1.jsa");

  /** Without options from this machine's environment, which would change what is expected. */
  private static List<String> merged(List<String> cds, List<String> user) {
    return WorkerJvmOptions.of(cds, user, Map.of("JAVA_TOOL_OPTIONS", "", "JDK_JAVA_OPTIONS", "", "_JAVA_OPTIONS", ""));
  }

  @Test
  void unrelatedUserOptionsComeAfterEveryDefault() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xmn24m", "-XX:SurvivorRatio=3", "-Xshare:auto", "-XX:SharedArchiveFile=/cache/worker-1.jsa", "-Xss512k",
            "-Dapp.mode=batch"),
        merged(CDS, List.of("-Xss512k", "-Dapp.mode=batch")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:+UseShenandoahGC",
      "-XX:+UseEpsilonGC", "-XX:-UseSerialGC"})
  void anyCollectorTheUserSelectsReplacesTheSerialDefaultAndItsYoungGeneration(String collector) {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-Xshare:auto", "-XX:+UnlockExperimentalVMOptions", collector),
        merged(List.of(), List.of("-XX:+UnlockExperimentalVMOptions", collector)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Xmx512m", "-Xms64m", "-Xmn8m", "-XX:MaxHeapSize=1g", "-XX:NewSize=4m",
      "-XX:MaxNewSize=64m", "-XX:NewRatio=3", "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=5",
      "-XX:MaxRAM=2g"})
  void anyHeapSizeTheUserSetsReplacesOurYoungGeneration(String size) {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xshare:auto", size),
        merged(List.of(), List.of(size)));
  }

  @Test
  void theUsersSurvivorRatioReplacesOursAndKeepsOurYoungGeneration() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xmn24m", "-Xshare:auto", "-XX:SurvivorRatio=8"),
        merged(List.of(), List.of("-XX:SurvivorRatio=8")));
  }

  @Test
  void theUsersSerialCollectorKeepsOurYoungGeneration() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-Xmn24m", "-XX:SurvivorRatio=3", "-Xshare:auto", "-XX:+UseSerialGC"),
        merged(List.of(), List.of("-XX:+UseSerialGC")));
  }

  @Test
  void aHeapSizeInTheWorkersEnvironmentReplacesOurYoungGeneration() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xshare:auto"),
        WorkerJvmOptions.of(List.of(), List.of(),
            Map.of("_JAVA_OPTIONS", "", "JAVA_TOOL_OPTIONS", "-Xmx2g", "JDK_JAVA_OPTIONS", "")));
  }

  @Test
  void theUsersLoggingComesAfterOursWhichStaysToKeepTheRestOffStdout() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xmn24m", "-XX:SurvivorRatio=3", "-Xshare:auto", "-Xlog:gc*:stderr:time", "-Xlog:disable", "-Xlog:safepoint"),
        merged(List.of(), List.of("-Xlog:gc*:stderr:time", "-Xlog:disable", "-Xlog:safepoint")));
  }

  @Test
  void sharingTurnedOffDropsOurSharingOptions() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xmn24m", "-XX:SurvivorRatio=3", "-Xshare:off"),
        merged(CDS, List.of("-Xshare:off")));
  }

  @Test
  void theUsersOwnArchiveReplacesOurs() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xmn24m", "-XX:SurvivorRatio=3", "-XX:SharedArchiveFile=/mine.jsa"),
        merged(CDS, List.of("-XX:SharedArchiveFile=/mine.jsa")));
  }

  @Test
  void aDefaultFlagTheUserSetsOtherwiseIsTheUsers() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseSerialGC", "-Xmn24m", "-XX:SurvivorRatio=3", "-Xshare:auto",
            "-XX:-DisplayVMOutputToStderr"),
        merged(List.of(), List.of("-XX:-DisplayVMOutputToStderr")));
  }

  @Test
  void optionsTheWorkersFindInTheirEnvironmentWinToo() {
    assertEquals(List.of(WorkerJvmOptions.OPENS_NIO, "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xmx1g"),
        WorkerJvmOptions.of(CDS, List.of("-Xmx1g"),
            Map.of("_JAVA_OPTIONS", "", "JAVA_TOOL_OPTIONS", " -XX:+UseParallelGC  -Xshare:off", "JDK_JAVA_OPTIONS", "")));
  }

  @Test
  void anInheritedOptionVariableLosesItsSharingOptionsAndKeepsTheRest() {
    Map<String, String> inherited = Map.of(
        "JAVA_TOOL_OPTIONS", " -XX:AOTCacheOutput=app.aot  -Dapp.mode=batch -XX:AOTMode=record",
        "JDK_JAVA_OPTIONS", "-Xmx1g",
        "_JAVA_OPTIONS", "-Xshare:off -XX:SharedArchiveFile=app.jsa -XX:ArchiveClassesAtExit=app.jsa");
    assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-Dapp.mode=batch", "_JAVA_OPTIONS", ""),
        WorkerJvmOptions.inheritedWithoutCds(Map.of(), inherited), "a variable without such options stays as it is");
    assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-Dapp.mode=batch"),
        WorkerJvmOptions.inheritedWithoutCds(Map.of("_JAVA_OPTIONS", "-XX:SharedArchiveFile=mine.jsa"), inherited),
        "a variable the user sets for the workers is theirs");
    assertEquals(Map.of(), WorkerJvmOptions.inheritedWithoutCds(Map.of(), Map.of("PATH", "/bin")));
  }

  @Test
  void anOptionVariableLeftEmptyIsTakenOutOfTheProcessEnvironment() {
    Map<String, String> process = new java.util.HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTCache=app.aot", "HOME", "/h"));
    WorkerJvmOptions.putInto(process, Map.of("JAVA_TOOL_OPTIONS", "", "APP_MODE", "", "_JAVA_OPTIONS", "-Dx=1"));
    assertEquals(Map.of("HOME", "/h", "APP_MODE", "", "_JAVA_OPTIONS", "-Dx=1"), process);
  }

  @Test
  void theUsersSharingOptionsTurnOurArchiveOff() {
    assertEquals(true, WorkerJvmOptions.mentionsCds(List.of("-Xmx1g", "-Xshare:off")));
    assertEquals(true, WorkerJvmOptions.mentionsCds(List.of("-XX:ArchiveClassesAtExit=/a.jsa")));
    assertEquals(false, WorkerJvmOptions.mentionsCds(List.of("-Xlog:cds", "-XX:+UseG1GC")));
  }

  @Test
  void workersOfThisJavaAlsoGetItsDefaultsWhichTheUsersSameFlagReplaces() {
    Map<String, String> none = Map.of("JAVA_TOOL_OPTIONS", "", "JDK_JAVA_OPTIONS", "", "_JAVA_OPTIONS", "");
    List<String> ours = WorkerJvmOptions.of(List.of(), List.of(), none, true);
    assertEquals(WorkerJvmOptions.thisJavasDefaults(), ours.subList(WorkerJvmOptions.DEFAULTS.size(), ours.size()));
    assertFalse(WorkerJvmOptions.of(List.of(), List.of("-XX:TrimNativeHeapInterval=0"), none, true)
        .contains(WorkerJvmOptions.TRIM_NATIVE_HEAP));
    assertFalse(WorkerJvmOptions.of(List.of(), List.of(), none, false).contains(WorkerJvmOptions.TRIM_NATIVE_HEAP),
        "another java may not know the flag");
  }

  @Test
  void everyWorkerWhateverItsJavaMayReachTheJdksDescriptorCalls() {
    Map<String, String> none = Map.of("JAVA_TOOL_OPTIONS", "", "JDK_JAVA_OPTIONS", "", "_JAVA_OPTIONS", "");
    assertTrue(WorkerJvmOptions.of(List.of(), List.of(), none, false).contains(WorkerJvmOptions.OPENS_NIO));
    assertTrue(WorkerJvmOptions.of(List.of(), List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"), none, true)
        .contains(WorkerJvmOptions.OPENS_NIO), "the user's own --add-opens do not replace ours");
    assertEquals(List.of(WorkerJvmOptions.TRIM_NATIVE_HEAP),
        WorkerJvmOptions.defaultsFor(Runtime.Version.parse("25.0.3"), "Linux"), "no native access asked for: nothing loads a library");
    assertEquals(List.of(WorkerJvmOptions.TRIM_NATIVE_HEAP),
        WorkerJvmOptions.defaultsFor(Runtime.Version.parse("17.0.15"), "Linux"));
  }

  @Test
  void onlyJvmsThatKnowTheNativeHeapTrimmerAreGivenIt() {
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("17.0.9"), "Linux"));
    assertTrue(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("17.0.15+6-Debian-1deb12u1"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("21.0.1"), "Linux"));
    assertTrue(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("22"), "Linux"));
    assertTrue(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("25"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("17.0.8"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("17"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("20.0.2"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("21"), "Linux"));
    assertFalse(WorkerJvmOptions.trimsNativeHeap(Runtime.Version.parse("25"), "Mac OS X"));
  }
}
