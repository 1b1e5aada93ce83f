package io.procpool.core.internal.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker JVM's options: the pool's defaults, its CDS options, then the user's. A user's option
 * wins over a default it conflicts with, which is left out; without that, the JVM would refuse
 * to start some pairs ({@code -XX:+UseG1GC} with our {@code -XX:+UseSerialGC}: "Multiple garbage
 * collectors selected"). Conflicting means: the same {@code -XX} flag, any two collector
 * selections, or any two class data sharing options. The options a worker's {@code java} reads
 * from its environment ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS},
 * {@code _JAVA_OPTIONS}) count as the user's too, as they clash the same way.
 *
 * <p>{@code -Xlog} options never conflict: unified logging applies them in order, so the user's,
 * which come after ours, win where they overlap, while ours still keep what the user did not
 * name off stdout.
 */
public final class WorkerJvmOptions {
  /**
   * Every worker's defaults. VM messages go to stderr so they cannot corrupt a protocol on stdout:
   * both the old kind and unified logging, whose warnings (a stale CDS archive, say) go to stdout
   * by default; a worker runs one task at a time, for which the serial collector is the lightest.
   */
  public static final List<String> DEFAULTS = List.of(
      "-XX:+DisplayVMOutputToStderr",
      "-Xlog:disable",
      "-Xlog:all=warning:stderr",
      "-XX:+UseSerialGC",
      "-Xshare:auto");

  /** The {@code -XX} flags that select a garbage collector; the JVM accepts only one. */
  private static final Set<String> COLLECTORS = Set.of("UseSerialGC", "UseParallelGC", "UseParallelOldGC",
      "UseG1GC", "UseZGC", "UseShenandoahGC", "UseEpsilonGC", "UseConcMarkSweepGC", "UseParNewGC");
  private static final Set<String> CDS_FLAGS = Set.of("SharedArchiveFile", "ArchiveClassesAtExit",
      "UseSharedSpaces", "SharedClassListFile", "DumpLoadedClassList", "AutoCreateSharedArchive");

  /** The variables in which the {@code java} launcher and the JVM look for more options. */
  static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  private WorkerJvmOptions() {}

  /** As {@link #of(List, List, Map)} for workers that inherit this process's environment only. */
  public static List<String> of(List<String> cdsOptions, List<String> userOptions) {
    return of(cdsOptions, userOptions, Map.of());
  }

  /**
   * {@link #DEFAULTS}, then {@code cdsOptions}, less those the user's conflict with, then the
   * user's. The workers' environment is this process's with {@code environment} over it.
   */
  public static List<String> of(List<String> cdsOptions, List<String> userOptions, Map<String, String> environment) {
    List<String> theirs = new ArrayList<>(optionsInEnvironment(environment));
    theirs.addAll(userOptions);
    List<String> options = new ArrayList<>();
    for (List<String> ours : List.of(DEFAULTS, cdsOptions)) {
      for (String option : ours) {
        if (theirs.stream().noneMatch(their -> conflict(option, their))) {
          options.add(option);
        }
      }
    }
    options.addAll(userOptions);
    return options;
  }

  private static List<String> optionsInEnvironment(Map<String, String> environment) {
    List<String> options = new ArrayList<>();
    for (String variable : OPTION_VARIABLES) {
      String value = environment.containsKey(variable) ? environment.get(variable) : System.getenv(variable);
      if (value != null && !value.isBlank()) {
        options.addAll(Arrays.asList(value.trim().split("\\s+")));
      }
    }
    return options;
  }

  /** Whether {@code options} set up class data sharing or turn it off. */
  static boolean mentionsCds(List<String> options) {
    return options.stream().anyMatch(WorkerJvmOptions::isCds);
  }

  static boolean conflict(String ours, String theirs) {
    if (isCds(ours) && isCds(theirs)) {
      return true;
    }
    String flag = flagName(ours);
    String other = flagName(theirs);
    return flag != null && other != null
        && (flag.equals(other) || COLLECTORS.contains(flag) && COLLECTORS.contains(other));
  }

  private static boolean isCds(String option) {
    String flag = flagName(option);
    return option.startsWith("-Xshare") || flag != null && CDS_FLAGS.contains(flag);
  }

  /** {@code Name} of {@code -XX:+Name}, {@code -XX:-Name} or {@code -XX:Name=value}; else null. */
  private static String flagName(String option) {
    if (!option.startsWith("-XX:")) {
      return null;
    }
    String flag = option.substring(4);
    if (flag.startsWith("+") || flag.startsWith("-")) {
      flag = flag.substring(1);
    }
    int equals = flag.indexOf('=');
    return equals < 0 ? flag : flag.substring(0, equals);
  }
}
