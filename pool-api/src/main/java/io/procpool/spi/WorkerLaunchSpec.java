package io.procpool.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one worker JVM. The core fills it in (name, java, class path, options, the
 * worker's main class), the {@link Transport} adds what its endpoint needs, and the
 * {@link WorkerLauncher} turns it into a process. Not thread-safe: it belongs to one launch.
 */
public final class WorkerLaunchSpec {

  /** The system property through which the worker learns its {@link WorkerEndpoint} class. */
  public static final String ENDPOINT_PROPERTY = "procpool.endpoint";

  /** What becomes of the worker's standard output. */
  public enum Stdout {
    /** A pipe the transport reads ({@link WorkerProcess#stdout()}). */
    PIPE,
    /** The parent's own standard output. */
    INHERIT
  }

  private final String workerName;
  private String javaExecutable = "java";
  private final List<String> classPath = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path workingDirectory;
  private String mainClass;
  private Stdout stdout = Stdout.INHERIT;

  public WorkerLaunchSpec(String workerName) {
    this.workerName = Objects.requireNonNull(workerName, "workerName");
  }

  /**
   * The worker's name, {@code PoolWorker-N}, numbered from 1 for the life of one pool,
   * replacements included (unique within a pool, not across pools); {@code PoolWorker-cds-training}
   * for the short-lived worker that trains the class data sharing archive, which goes through
   * {@link Transport#configure} and {@link Transport#connect} like any other. The core has put it
   * in the system property {@code procpool.worker.name} before the transport's {@code configure},
   * and a worker reads it back with {@link io.procpool.CurrentProcess#name()}.
   */
  public String workerName() {
    return workerName;
  }

  public String javaExecutable() {
    return javaExecutable;
  }

  public WorkerLaunchSpec javaExecutable(String path) {
    this.javaExecutable = Objects.requireNonNull(path, "javaExecutable");
    return this;
  }

  /** The class path entries, in order; mutable. */
  public List<String> classPath() {
    return classPath;
  }

  /** Options given to the JVM before the main class, such as {@code -Xmx256m}; mutable. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** System properties passed as {@code -Dkey=value}; mutable. Visible in {@code ps}: no secrets. */
  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  /** Environment variables added to the inherited environment; mutable. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The worker's working directory, or {@code null} for the parent's. */
  public Path workingDirectory() {
    return workingDirectory;
  }

  public WorkerLaunchSpec workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  public String mainClass() {
    return mainClass;
  }

  public WorkerLaunchSpec mainClass(String className) {
    this.mainClass = Objects.requireNonNull(className, "mainClass");
    return this;
  }

  public Stdout stdout() {
    return stdout;
  }

  public WorkerLaunchSpec stdout(Stdout mode) {
    this.stdout = Objects.requireNonNull(mode, "stdout");
    return this;
  }

  /** Names the worker side of the transport; sets {@link #ENDPOINT_PROPERTY}. */
  public WorkerLaunchSpec endpointClass(String className) {
    systemProperties.put(ENDPOINT_PROPERTY, Objects.requireNonNull(className, "endpointClass"));
    return this;
  }

  /**
   * The command line of a local launch: java, options, properties, main class. The class path is
   * not in it: a launcher passes it as it sees fit (the local one uses the CLASSPATH variable).
   */
  public List<String> command() {
    if (mainClass == null) {
      throw new IllegalStateException("no main class set for " + workerName);
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable);
    command.addAll(jvmOptions);
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(mainClass);
    return command;
  }
}
