package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xshare:auto", "-XX:SharedArchiveFile=/cache/worker-1.jsa", "-Xmx512m"),
        merged(CDS, List.of("-Xmx512m")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:+UseShenandoahGC",
      "-XX:+UseEpsilonGC", "-XX:-UseSerialGC", "-XX:+UseSerialGC"})
  void anyCollectorTheUserSelectsReplacesTheSerialDefault(String collector) {
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-Xshare:auto", "-XX:+UnlockExperimentalVMOptions", collector),
        merged(List.of(), List.of("-XX:+UnlockExperimentalVMOptions", collector)));
  }

  @Test
  void theUsersLoggingComesAfterOursWhichStaysToKeepTheRestOffStdout() {
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:gc*:stderr:time", "-Xlog:disable", "-Xlog:safepoint"),
        merged(List.of(), List.of("-Xlog:gc*:stderr:time", "-Xlog:disable", "-Xlog:safepoint")));
  }

  @Test
  void sharingTurnedOffDropsOurSharingOptions() {
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-Xshare:off"),
        merged(CDS, List.of("-Xshare:off")));
  }

  @Test
  void theUsersOwnArchiveReplacesOurs() {
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/mine.jsa"),
        merged(CDS, List.of("-XX:SharedArchiveFile=/mine.jsa")));
  }

  @Test
  void aDefaultFlagTheUserSetsOtherwiseIsTheUsers() {
    assertEquals(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:-DisplayVMOutputToStderr"),
        merged(List.of(), List.of("-XX:-DisplayVMOutputToStderr")));
  }

  @Test
  void optionsTheWorkersFindInTheirEnvironmentWinToo() {
    assertEquals(List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xmx1g"),
        WorkerJvmOptions.of(CDS, List.of("-Xmx1g"),
            Map.of("_JAVA_OPTIONS", "", "JAVA_TOOL_OPTIONS", " -XX:+UseParallelGC  -Xshare:off", "JDK_JAVA_OPTIONS", "")));
  }

  @Test
  void theUsersSharingOptionsTurnOurArchiveOff() {
    assertEquals(true, WorkerJvmOptions.mentionsCds(List.of("-Xmx1g", "-Xshare:off")));
    assertEquals(true, WorkerJvmOptions.mentionsCds(List.of("-XX:ArchiveClassesAtExit=/a.jsa")));
    assertEquals(false, WorkerJvmOptions.mentionsCds(List.of("-Xlog:cds", "-XX:+UseG1GC")));
  }
}
