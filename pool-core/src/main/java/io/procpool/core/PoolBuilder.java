package io.procpool.core;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.core.internal.DefaultPool;
import io.procpool.core.internal.PoolSettings;
import io.procpool.core.internal.TransportSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Settings for a new pool; {@link #build()} starts it. Not thread-safe. */
public final class PoolBuilder {
  private int workers = Runtime.getRuntime().availableProcessors();
  private Module transportModule;
  private String transportName;
  private String javaExecutable;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path workingDirectory;

  PoolBuilder() {}

  /** How many worker processes the pool keeps; default: the number of available processors. */
  public PoolBuilder workers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + count);
    }
    this.workers = count;
    return this;
  }

  /** The transport, as its Guice module, such as {@code new PipesTransportModule()}. */
  public PoolBuilder transport(Module module) {
    this.transportModule = Objects.requireNonNull(module, "module");
    this.transportName = null;
    return this;
  }

  /** The transport, by the name its provider gives, such as {@code "pipes"} or {@code "netty"}. */
  public PoolBuilder transport(String name) {
    this.transportName = Objects.requireNonNull(name, "name");
    this.transportModule = null;
    return this;
  }

  /** Options for each worker JVM, such as {@code -Xmx512m}; added after the pool's defaults. */
  public PoolBuilder jvmOptions(String... options) {
    jvmOptions.addAll(Arrays.asList(options));
    return this;
  }

  /** A system property for each worker JVM. */
  public PoolBuilder systemProperty(String key, String value) {
    systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** An environment variable for each worker, added to those the workers inherit. */
  public PoolBuilder environment(String name, String value) {
    environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** The workers' working directory; default: this process's. */
  public PoolBuilder workingDirectory(Path directory) {
    this.workingDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** The {@code java} the workers run; default: the one running this JVM. */
  public PoolBuilder javaExecutable(String path) {
    this.javaExecutable = Objects.requireNonNull(path, "path");
    return this;
  }

  /** Starts the worker processes and returns the pool at once; tasks wait until a worker is up. */
  public Pool build() {
    Module module = transportModule != null ? transportModule : TransportSelector.select(transportName);
    PoolSettings settings = new PoolSettings(workers, javaExecutable, List.copyOf(jvmOptions),
        Map.copyOf(systemProperties), Map.copyOf(environment), workingDirectory);
    return DefaultPool.start(settings, module);
  }
}
