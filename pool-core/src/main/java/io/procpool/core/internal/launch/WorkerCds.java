package io.procpool.core.internal.launch;

import io.procpool.core.internal.events.Loggers;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Application class data sharing for worker JVMs, created on first use. A worker spends most of
 * its start-up loading and verifying the same classes (the worker runtime, Kryo, the transport);
 * a dynamic CDS archive of them, mapped at start, takes about a third off a pool's start and
 * 3 MiB off each worker's resident memory.
 *
 * <p>A pool that finds no archive for its java and class path starts, beside its workers, one
 * training worker ({@link CdsTraining}): a real worker, outside the scheduler, that runs a task of
 * each shape and is let go; it dumps the classes it loaded as it exits
 * ({@code -XX:ArchiveClassesAtExit}, which also works through {@code Runtime.halt}) to a
 * temporary name, moved into place once the process is gone. Workers started after that map it
 * ({@code -XX:SharedArchiveFile}; with {@code -Xshare:auto} a stale or damaged archive is
 * ignored; the archive is tried once before it is put in place, as a damaged one can crash the
 * JVM). A pool's own workers cannot dump: the pool kills a worker once its connection closes,
 * which would cut a dump at exit short. A lock file keeps concurrent pools, in this JVM or
 * others, from dumping twice. The archive's name is a hash of everything it depends on (JVM
 * build, class path entries with their sizes and times, the user's worker options), so a rebuilt
 * jar or another JDK gets a new one; old archives are left in the directory.
 *
 * <p>Off when: system property {@code procpool.cds=false}; the workers run another java than
 * this JVM's or are not started locally; the class path has a directory (CDS archives only jar
 * files) or is empty; the user's options already set up CDS or turn it off. Directory: system
 * property {@code procpool.cds.dir}, else {@code $XDG_CACHE_HOME/procpool/cds}, else
 * {@code ~/.cache/procpool/cds}. Nothing is written when the directory cannot be created. A JVM
 * trusts the archives it maps as it trusts its jars: the directory must be writable only by the
 * user who runs the pools (as a home directory's cache is), never a shared one such as /tmp.
 */
public final class WorkerCds {
  static final String ENABLED_PROPERTY = "procpool.cds";
  static final String DIR_PROPERTY = "procpool.cds.dir";
  /** A dump lock older than this belonged to a process that died without releasing it. */
  private static final long STALE_LOCK_MILLIS = TimeUnit.MINUTES.toMillis(10);
  /** Archives unused this long are deleted when a new one is made. */
  private static final int UNUSED_DAYS = 7;
  /** At most this many archives are kept, the most recently used. */
  private static final int KEEP = 8;
  /** Found when first used, after the first workers are launched: finding it costs a cold JVM tens of ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(Loggers.LAUNCH);
  }
  /** A failed training is said once per JVM at INFO (it only makes workers slower), then at DEBUG. */
  private static final AtomicBoolean FAILURE_TOLD = new AtomicBoolean();
  /** The exit code of a training worker the pool killed (terminated, or over its time): no failure of its own. */
  private static final int KILLED = 128 + 9;

  /** Turns the ahead-of-time cache off ({@code -Dprocpool.aot=false}), for dynamic CDS on JDK 25 too. */
  static final String AOT_PROPERTY = "procpool.aot";
  /** The first feature release whose AOT cache one training run creates (JEP 514). */
  static final int AOT_CACHE_OUTPUT_FEATURE = 25;

  /** A training worker's launch: its extra JVM options and where it dumps. */
  public record Launch(List<String> options, Path dumpTo) {}

  /**
   * What the archive is: a dynamic CDS archive ({@code .jsa}), or on JDK 25 on the JVM's
   * ahead-of-time cache ({@code .aot}, JEP 483 and 514), which holds the classes loaded and linked,
   * the lambdas' and string concatenations' call sites resolved, and the methods' profiles, so
   * that a worker starts with less to do than from a CDS archive. JDK 24 has the cache too, but
   * making it takes a second JVM run after the training one (JEP 483's create step); there the
   * workers keep dynamic CDS.
   */
  enum Kind {
    DYNAMIC_CDS(".jsa"), AOT_CACHE(".aot");

    final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    /** The kind a worker of {@code version} gets, unless {@link #AOT_PROPERTY} says false. */
    static Kind of(Runtime.Version version) {
      return version.feature() >= AOT_CACHE_OUTPUT_FEATURE
          && !"false".equalsIgnoreCase(System.getProperty(AOT_PROPERTY, "true")) ? AOT_CACHE : DYNAMIC_CDS;
    }

    List<String> use(Path archive) {
      return List.of(this == AOT_CACHE ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
    }

    /** The warnings of a dump (classes that cannot be archived) are expected: only noise for the user. */
    List<String> train(Path dumpTo) {
      return this == AOT_CACHE
          ? List.of("-XX:AOTCacheOutput=" + dumpTo, "-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr")
          : List.of("-XX:ArchiveClassesAtExit=" + dumpTo, "-Xlog:cds*=off:stderr");
    }

    /** Options that make a JVM fail unless it maps the archive. */
    List<String> insist(Path archive) {
      return this == AOT_CACHE
          ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + archive)
          : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
    }
  }

  private final Path archive;
  private final Kind kind;
  /** The workers' own defaults for their java, which the check of an archive must share (an AOT cache refuses other module options). */
  private final List<String> javaDefaults;
  private final Path lock;
  private final String java;
  private final List<String> classPath;
  private final AtomicBoolean trainedByThisPool = new AtomicBoolean();
  private final AtomicBoolean usedByThisPool = new AtomicBoolean();

  private WorkerCds(Path archive, Kind kind, List<String> javaDefaults, String java, List<String> classPath) {
    this.archive = archive;
    this.kind = kind;
    this.javaDefaults = javaDefaults;
    this.lock = archive == null ? null : archive.resolveSibling(archive.getFileName() + ".lock");
    this.java = java;
    this.classPath = classPath;
  }

  private static WorkerCds off() {
    return new WorkerCds(null, Kind.DYNAMIC_CDS, List.of(), null, List.of());
  }

  /**
   * For a pool whose workers run {@code java}, this JVM's own, locally ({@code localSameJava}),
   * with this class path and these user options, over the transport named {@code transport}.
   * Each transport gets its own archive: one trained by another transport's worker holds classes
   * this one never loads (Netty's, for a pipes worker: 14.5 instead of 8.5 MB, and 5 MiB more
   * resident per worker).
   */
  public static WorkerCds forWorkers(boolean localSameJava, String java, List<String> classPath,
                              List<String> userOptions, String transport) {
    return forWorkers(localSameJava, java, classPath, userOptions, transport, Runtime.version());
  }

  /** As above, for workers whose {@code java} is of {@code javaVersion} (this JVM's, but for tests). */
  static WorkerCds forWorkers(boolean localSameJava, String java, List<String> classPath,
                              List<String> userOptions, String transport, Runtime.Version javaVersion) {
    if (!localSameJava || "false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true"))
        || classPath.isEmpty() || WorkerJvmOptions.mentionsCds(userOptions)) {
      return off();
    }
    try {
      Kind kind = Kind.of(javaVersion);
      Fingerprint digest = new Fingerprint();
      update(digest, "procpool-worker-cds-1");
      update(digest, kind.name());
      update(digest, System.getProperty("java.home"));
      update(digest, System.getProperty("java.vm.version"));
      update(digest, transport);
      for (String entry : classPath) {
        Path path = Path.of(entry);
        if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
          return off(); // a directory, or something CDS cannot check
        }
        update(digest, path.toAbsolutePath().toString());
        update(digest, Long.toString(Files.size(path)));
        update(digest, Long.toString(Files.getLastModifiedTime(path).toMillis()));
      }
      for (String option : userOptions) {
        update(digest, option);
      }
      String key = digest.hex();
      Path dir = directory();
      Files.createDirectories(dir);
      return new WorkerCds(dir.resolve("worker-" + key + kind.suffix), kind,
          WorkerJvmOptions.defaultsFor(javaVersion, System.getProperty("os.name", "")), java, List.copyOf(classPath));
    } catch (IOException | RuntimeException e) {
      return off(); // no archive is only slower
    }
  }

  /** The CDS options for the next worker of the pool: the archive's, if there is one. */
  public List<String> workerOptions() {
    if (archive == null || !Files.isRegularFile(archive)) {
      return List.of();
    }
    if (usedByThisPool.compareAndSet(false, true)) {
      try {
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis())); // in use
      } catch (IOException | RuntimeException e) {
        // not ours to touch: it may be pruned a little early, and made again
      }
    }
    return kind.use(archive);
  }

  /**
   * The options of a training worker that dumps the archive, or null when there is an archive
   * already, this pool tried once, or another pool (here or in another process) is dumping.
   */
  public Launch training() {
    if (archive == null || Files.isRegularFile(archive)
        || !trainedByThisPool.compareAndSet(false, true) || !claimLock()) {
      return null;
    }
    // Unique without UUID, whose SecureRandom would cost a cold JVM ~15 ms of provider set-up.
    Path dumpTo = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid()
        + "-" + System.nanoTime() + ".tmp");
    return new Launch(kind.train(dumpTo), dumpTo);
  }

  /**
   * Once the training worker is gone, checks its archive and puts it in place, and releases the
   * lock. The check matters: a JVM that maps a damaged archive (say, cut short by a full disk)
   * can crash, so every worker would.
   */
  public void launched(Launch launch, CompletableFuture<Integer> exitCode) {
    exitCode.whenComplete((code, error) -> {
      try {
        if (code == null || code != 0) {
          failed("its training worker exited with code " + code, code != null && code == KILLED);
        } else if (!Files.isRegularFile(launch.dumpTo()) || Files.size(launch.dumpTo()) == 0) {
          failed("its training worker wrote no archive", false);
        } else if (!startsWith(launch.dumpTo())) {
          failed("a JVM would not start with the archive its training worker wrote", false);
        } else {
          Files.move(launch.dumpTo(), archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          Log.LOG.log(Level.DEBUG, "Trained a class data sharing archive for workers: {0} ({1} bytes)", archive,
              Long.toString(Files.size(archive)));
          pruneOthers();
        }
      } catch (IOException | RuntimeException e) {
        failed(e.toString(), false); // the next pool tries again
      } finally {
        deleteQuietly(launch.dumpTo());
        deleteQuietly(lock);
      }
    });
  }

  /** The training worker could not be started: the next pool tries again. */
  public void launchFailed(Launch launch, Exception why) {
    failed("its training worker could not be started: " + why, false);
    deleteQuietly(launch.dumpTo());
    deleteQuietly(lock);
  }

  /** No archive this time; {@code killed}: the pool ended the training itself, which is no failure to report. */
  private void failed(String why, boolean killed) {
    Level level = !killed && FAILURE_TOLD.compareAndSet(false, true) ? Level.INFO : Level.DEBUG;
    Log.LOG.log(level, "No class data sharing archive for workers this time, so they start without one (only"
        + " slower; the next pool tries again, -Dprocpool.cds=false stops trying): " + why + "; archive: " + archive);
  }

  /** Whether a JVM starts with the archive and the workers' class path, insisting on sharing. */
  private boolean startsWith(Path candidate) {
    Path errorFile = candidate.resolveSibling(candidate.getFileName() + ".hs_err.log");
    try {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(WorkerJvmOptions.MODULE_OPTIONS);
      command.addAll(javaDefaults);
      command.addAll(kind.insist(candidate));
      command.addAll(List.of("-XX:+UseSerialGC", "-XX:ErrorFile=" + errorFile, "-Xlog:disable", "-version"));
      ProcessBuilder check = new ProcessBuilder(command);
      // as a worker's: an application's inherited sharing option would make this JVM write its archive
      WorkerJvmOptions.putInto(check.environment(), WorkerJvmOptions.inheritedWithoutCds(Map.of(), System.getenv()));
      check.environment().put("CLASSPATH", String.join(File.pathSeparator, classPath));
      check.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Process process = check.start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      deleteQuietly(errorFile);
    }
  }

  private boolean claimLock() {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.createFile(lock);
        deleteLeftovers();
        return true;
      } catch (FileAlreadyExistsException e) {
        try {
          if (System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() < STALE_LOCK_MILLIS) {
            return false; // another pool is dumping right now
          }
          Files.deleteIfExists(lock);
        } catch (IOException | RuntimeException gone) {
          // released meanwhile: try again
        }
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Each new build of a class path makes a new archive of about 3 MiB; the old ones are deleted
   * once unused for {@link #UNUSED_DAYS} days (a pool touches the archive it uses), and beyond the
   * {@link #KEEP} most recently used. A JVM that has an archive mapped keeps it until it exits.
   */
  private void pruneOthers() {
    long unusedSince = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(UNUSED_DAYS);
    List<Path> others = new ArrayList<>();
    try (var files = Files.list(archive.getParent())) {
      files.filter(path -> path.getFileName().toString().matches("worker-[0-9a-f]+\\.(jsa|aot)")
              && !path.equals(archive))
          .forEach(others::add);
    } catch (IOException | RuntimeException e) {
      return;
    }
    others.sort(Comparator.comparingLong(WorkerCds::lastModified).reversed());
    for (int i = 0; i < others.size(); i++) {
      if (i >= KEEP - 1 || lastModified(others.get(i)) < unusedSince) {
        deleteQuietly(others.get(i));
      }
    }
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Dumps of training workers whose pool went before it could check them; ours to clean now. */
  private void deleteLeftovers() {
    String prefix = archive.getFileName() + ".";
    try (var siblings = Files.list(archive.getParent())) {
      siblings.filter(path -> path.getFileName().toString().startsWith(prefix)
              && path.getFileName().toString().endsWith(".tmp"))
          .forEach(WorkerCds::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      // only disk space
    }
  }

  private static Path directory() {
    return CacheDirectory.of(DIR_PROPERTY, "cds");
  }

  private static void update(Fingerprint digest, String text) {
    for (byte b : String.valueOf(text).getBytes(StandardCharsets.UTF_8)) {
      digest.update(b);
    }
    digest.update((byte) 0);
  }

  /**
   * Two independent 64-bit hashes (FNV-1a and a multiply-add): enough to tell archives apart, and
   * unlike MessageDigest free of the security providers' start-up (40 ms of a cold pool start).
   * A collision would only cost a warning: the JVM checks an archive's class path itself.
   */
  private static final class Fingerprint {
    private long fnv = 0xcbf29ce484222325L;
    private long poly = 17;

    void update(byte b) {
      fnv = (fnv ^ (b & 0xff)) * 0x100000001b3L;
      poly = poly * 0x9E3779B97F4A7C15L + (b & 0xff) + 1;
    }

    String hex() {
      return Long.toHexString(fnv) + Long.toHexString(poly >>> 32); // no Formatter: cold, it is slow
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException | RuntimeException e) {
      // left behind: harmless, and a stale lock expires
    }
  }
}
