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

  /**
   * Creates the spec of one worker, with the defaults: {@code java}, no options, stdout inherited.
   *
   * @param workerName the worker's name, such as {@code PoolWorker-1}
   */
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
   *
   * @return the worker's name, never {@code null}
   */
  public String workerName() {
    return workerName;
  }

  /**
   * The {@code java} command the worker is started with.
   *
   * @return a path to {@code java}, or {@code java} to find it on the {@code PATH}
   */
  public String javaExecutable() {
    return javaExecutable;
  }

  /**
   * Sets the {@code java} command the worker is started with.
   *
   * @param path a path to {@code java}
   * @return this spec
   */
  public WorkerLaunchSpec javaExecutable(String path) {
    this.javaExecutable = Objects.requireNonNull(path, "javaExecutable");
    return this;
  }

  /**
   * The class path entries, in order; mutable.
   *
   * @return the live list: a transport or launcher adds to it in place
   */
  public List<String> classPath() {
    return classPath;
  }

  /**
   * Options given to the JVM before the main class, such as {@code -Xmx256m}; mutable.
   *
   * @return the live list of JVM options
   */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /**
   * System properties passed as {@code -Dkey=value}; mutable. Visible in {@code ps}: no secrets.
   *
   * @return the live map of system properties, in insertion order
   */
  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  /**
   * Environment variables added to the inherited environment; mutable.
   *
   * @return the live map of added variables
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** {@return the worker's working directory, or {@code null} for the parent's} */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /**
   * Sets the worker's working directory.
   *
   * @param directory the directory, or {@code null} for the parent's
   * @return this spec
   */
  public WorkerLaunchSpec workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  /**
   * The class whose {@code main} the worker runs: the core's worker entry, or a transport's own.
   *
   * @return the fully qualified class name
   */
  public String mainClass() {
    return mainClass;
  }

  /**
   * Sets the class whose {@code main} the worker runs.
   *
   * @param className the fully qualified class name
   * @return this spec
   */
  public WorkerLaunchSpec mainClass(String className) {
    this.mainClass = Objects.requireNonNull(className, "mainClass");
    return this;
  }

  /**
   * Where the worker's standard output goes.
   *
   * @return {@link Stdout#PIPE} or {@link Stdout#INHERIT}
   */
  public Stdout stdout() {
    return stdout;
  }

  /**
   * Sets where the worker's standard output goes.
   *
   * @param mode {@link Stdout#PIPE} for a transport that reads it, else {@link Stdout#INHERIT}
   * @return this spec
   */
  public WorkerLaunchSpec stdout(Stdout mode) {
    this.stdout = Objects.requireNonNull(mode, "stdout");
    return this;
  }

  /**
   * Names the worker side of the transport; sets {@link #ENDPOINT_PROPERTY}.
   *
   * @param className the fully qualified name of the transport's {@link WorkerEndpoint}, which
   *     needs a public no-argument constructor
   * @return this spec
   */
  public WorkerLaunchSpec endpointClass(String className) {
    systemProperties.put(ENDPOINT_PROPERTY, Objects.requireNonNull(className, "endpointClass"));
    return this;
  }

  /**
   * The command line of a local launch: java, options, properties, main class. The class path is
   * not in it: a launcher passes it as it sees fit (the local one uses the CLASSPATH variable).
   *
   * @return a new list, the command and its arguments
   * @throws IllegalStateException if no main class has been set
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
