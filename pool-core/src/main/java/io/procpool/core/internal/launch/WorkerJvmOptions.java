package io.procpool.core.internal.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker JVM's options: the pool's defaults, its CDS options, then the user's. A user's option
 * wins over a default it conflicts with, which is left out; without that, the JVM would refuse
 * to start some pairs ({@code -XX:+UseG1GC} with our {@code -XX:+UseSerialGC}: "Multiple garbage
 * collectors selected"). Conflicting means: the same {@code -XX} flag, any two collector
 * selections, any two class data sharing options, and for our young generation's size any heap
 * size of the user's or another collector. The options a worker's {@code java} reads
 * from its environment ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS},
 * {@code _JAVA_OPTIONS}) count as the user's too, as they clash the same way, less the class
 * data sharing options a local worker would inherit from this process's ({@link #inheritedWithoutCds}).
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
   * Its young generation is {@value #YOUNG_GENERATION}, with survivor spaces of a fifth of it each
   * ({@code -XX:SurvivorRatio=3}), rather than a third of the initial heap (126 MiB with 24 GiB of
   * RAM) with survivors of a tenth: eden is all touched within a few large chunks, and its pages
   * stay the worker's for life, so a worker after the benchmark's workloads held about 168 MiB.
   * Survivors that hold a map chunk in flight (a few MiB) let it die young instead of being
   * promoted into the old generation, which would grow instead. {@value #OPENS_NIO} lets the
   * worker move its descriptors 1 and 2 with the JDK's own calls (core.internal.worker's
   * {@code JdkDescriptors}).
   */
  public static final List<String> DEFAULTS = List.of(
      WorkerJvmOptions.OPENS_NIO, // the one of MODULE_OPTIONS
      "-XX:+DisplayVMOutputToStderr",
      "-Xlog:disable",
      "-Xlog:all=warning:stderr",
      "-XX:+UseSerialGC",
      "-Xmn" + WorkerJvmOptions.YOUNG_GENERATION,
      "-XX:SurvivorRatio=3",
      "-Xshare:auto");

  /**
   * The young generation's default size. Measured on 2 cores (bench/LOG.md, issue 13): a worker
   * after three maps of 1M, 140k applyAsync and four CPU-bound tasks, idle 2 s, held 73 MiB with it
   * (with the native heap trimmed, below), against 168 MiB; cold and warm throughput did not
   * change beyond the machine's noise; an allocation-heavy task ran about 8% slower (more minor
   * collections). 16 MiB with survivors of a quarter held 66 MiB but cost 15-30% there; 8 MiB
   * without larger survivors promoted every chunk and ran map at a third of its speed.
   * Any heap or young-generation size of the user's ({@code -Xmx}, {@code -Xms}, {@code -Xmn},
   * {@code -XX:NewSize}, a RAM percentage, ...) or another collector drops it and our survivor
   * ratio: they are sized for the serial collector and for a JVM whose heap nobody chose.
   */
  static final String YOUNG_GENERATION = "24m";

  /** Opens the JDK package whose descriptor calls a worker uses to redirect descriptors 1 and 2. */
  public static final String OPENS_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

  /**
   * The module options among {@link #DEFAULTS}: whatever else runs a worker's java with a CDS
   * archive or AOT cache (the trial of a new one) must give them too, as an AOT cache refuses a
   * JVM whose module options differ from its training run's.
   */
  public static final List<String> MODULE_OPTIONS = List.of(OPENS_NIO);

  /** The {@code -XX} flags that select a garbage collector; the JVM accepts only one. */
  private static final Set<String> COLLECTORS = Set.of("UseSerialGC", "UseParallelGC", "UseParallelOldGC",
      "UseG1GC", "UseZGC", "UseShenandoahGC", "UseEpsilonGC", "UseConcMarkSweepGC", "UseParNewGC");
  /** The {@code -XX} flags that size the heap or its young generation, besides -Xmx, -Xms and -Xmn. */
  private static final Set<String> HEAP_SIZES = Set.of("MaxHeapSize", "InitialHeapSize", "MinHeapSize", "NewSize",
      "MaxNewSize", "NewRatio", "MaxRAM", "MaxRAMPercentage", "MinRAMPercentage", "InitialRAMPercentage",
      "MaxRAMFraction", "MinRAMFraction", "InitialRAMFraction");
  /** Class data sharing's flags, the ahead-of-time cache's (JDK 24 on) among them. */
  private static final Set<String> CDS_FLAGS = Set.of("SharedArchiveFile", "ArchiveClassesAtExit",
      "UseSharedSpaces", "SharedClassListFile", "DumpLoadedClassList", "AutoCreateSharedArchive",
      "AOTCache", "AOTCacheOutput", "AOTConfiguration", "AOTMode", "AOTClassLinking");

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
    return of(cdsOptions, userOptions, environment, false);
  }

  /**
   * As {@link #of(List, List, Map)}, with {@link #thisJavasDefaults()} after {@link #DEFAULTS} when
   * {@code thisJava}: the workers run the {@code java} of this JVM, so they accept what it does.
   */
  public static List<String> of(List<String> cdsOptions, List<String> userOptions, Map<String, String> environment,
      boolean thisJava) {
    List<String> theirs = new ArrayList<>(optionsInEnvironment(environment));
    theirs.addAll(userOptions);
    List<String> options = new ArrayList<>();
    // The ahead-of-time cache's options refuse any -Xshare; the cache falls back by itself (AOTMode=auto).
    boolean aot = cdsOptions.stream().anyMatch(option -> option.startsWith("-XX:AOT"));
    for (List<String> ours : List.of(DEFAULTS, thisJava ? thisJavasDefaults() : List.<String>of(), cdsOptions)) {
      for (String option : ours) {
        if (!(aot && option.startsWith("-Xshare")) && theirs.stream().noneMatch(their -> conflict(option, their))) {
          options.add(option);
        }
      }
    }
    options.addAll(userOptions);
    return options;
  }

  /**
   * The defaults that not every Java 17 accepts, for workers that run this JVM's {@code java}: on
   * Linux, {@code -XX:TrimNativeHeapInterval=1000}, which hands the C heap's free pages back to the
   * system each second. The JIT's compiler threads malloc tens of MiB while a worker warms up and
   * glibc keeps what they free; trimmed, a worker after the benchmark's workloads held about 10 MiB
   * less. A JVM without the flag refuses it and does not start, so it is given only where it was
   * seen to work: JDK 22 on, where it is a product flag, and 17.0.15 on (checked here). 17 and 21
   * updates got it as a backport, from which update on and whether behind an unlock flag was not
   * checked, so they go without.
   */
  static List<String> thisJavasDefaults() {
    return defaultsFor(Runtime.version(), System.getProperty("os.name", ""));
  }

  /**
   * The defaults of a worker whose {@code java} is of {@code version}, on {@code os}: the native
   * heap trimmer where it is known.
   */
  static List<String> defaultsFor(Runtime.Version version, String os) {
    List<String> defaults = new ArrayList<>();
    if (trimsNativeHeap(version, os)) {
      defaults.add(TRIM_NATIVE_HEAP);
    }
    return defaults;
  }

  static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=1000";

  /** Whether a JVM of {@code version} on {@code os} has {@code -XX:TrimNativeHeapInterval} and can trim. */
  static boolean trimsNativeHeap(Runtime.Version version, String os) {
    int feature = version.feature();
    return os.startsWith("Linux") && (feature == 17 && version.update() >= 15 || feature >= 22);
  }

  /**
   * The option variables ({@link #OPTION_VARIABLES}) that a worker would inherit from
   * {@code inherited} (this process's environment) with class data sharing options in them, less
   * those options, for the workers' environment; a variable that {@code environment} (the user's
   * for the workers) sets stays the user's. Such options in this process's variables are the
   * application's: {@code JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=app.aot} trains the application's
   * cache, and a worker that inherited it wrote its own to the same file at exit, which broke the
   * application's (JDK 25: "Must be a valid AOT configuration"); an inherited {@code -XX:AOTCache}
   * or {@code -XX:SharedArchiveFile}, made for another program, cost a worker its own archive.
   */
  public static Map<String, String> inheritedWithoutCds(Map<String, String> environment, Map<String, String> inherited) {
    Map<String, String> replaced = new LinkedHashMap<>();
    for (String variable : OPTION_VARIABLES) {
      String value = inherited.get(variable);
      if (value == null || environment.containsKey(variable)) {
        continue;
      }
      List<String> options = Arrays.asList(value.trim().split("\\s+"));
      List<String> kept = options.stream().filter(option -> !isCds(option)).toList();
      if (kept.size() < options.size()) {
        replaced.put(variable, String.join(" ", kept));
      }
    }
    return replaced;
  }

  /**
   * Puts {@code variables} into a process's environment, leaving out an option variable that is
   * empty (one whose only options were sharing options {@link #inheritedWithoutCds} took out): to
   * the JVM it means nothing but a "Picked up JAVA_TOOL_OPTIONS: " line on stderr.
   */
  static void putInto(Map<String, String> processEnvironment, Map<String, String> variables) {
    variables.forEach((name, value) -> {
      if (value.isEmpty() && OPTION_VARIABLES.contains(name)) {
        processEnvironment.remove(name);
      } else {
        processEnvironment.put(name, value);
      }
    });
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
    if (sizesYoungGeneration(ours) && (sizesHeap(theirs) || selectsOtherCollector(theirs))) {
      return true;
    }
    String flag = flagName(ours);
    String other = flagName(theirs);
    return flag != null && other != null
        && (flag.equals(other) || COLLECTORS.contains(flag) && COLLECTORS.contains(other));
  }

  private static boolean sizesYoungGeneration(String option) {
    return option.startsWith("-Xmn") || "SurvivorRatio".equals(flagName(option));
  }

  private static boolean sizesHeap(String option) {
    String flag = flagName(option);
    return option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xmn")
        || flag != null && HEAP_SIZES.contains(flag);
  }

  private static boolean selectsOtherCollector(String option) {
    String flag = flagName(option);
    return flag != null && COLLECTORS.contains(flag) && !option.equals("-XX:+UseSerialGC");
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
