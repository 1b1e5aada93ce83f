package io.procpool.core;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.PoolListener;
import io.procpool.VoidTask;
import io.procpool.core.internal.pool.DefaultPool;
import io.procpool.core.internal.pool.PoolSettings;
import io.procpool.core.internal.pool.TransportSelector;
import io.procpool.core.internal.wire.ExceptionFilter;
import java.nio.file.Path;
import java.time.Duration;
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
  private VoidTask initializer;
  private int maxTasksPerChild;
  private Duration taskTimeout;
  private PoolListener listener;
  private final List<String> allowedInExceptions = new ArrayList<>();

  PoolBuilder() {}

  /**
   * How many worker processes the pool keeps; default: the number of available processors.
   *
   * @param count the number of workers, at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public PoolBuilder workers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + count);
    }
    this.workers = count;
    return this;
  }

  /**
   * The transport, as its Guice module, such as {@code new PipesTransportModule()}. Replaces a
   * transport given by name.
   *
   * @param module a module that binds {@link io.procpool.spi.Transport}
   * @return this builder
   */
  public PoolBuilder transport(Module module) {
    this.transportModule = Objects.requireNonNull(module, "module");
    this.transportName = null;
    return this;
  }

  /**
   * The transport, by the name its provider gives, such as {@code "pipes"} or {@code "netty"}.
   * Replaces a transport given as a module; the name is looked up in {@link #build()}.
   *
   * @param name a {@link io.procpool.spi.TransportProvider#name()}
   * @return this builder
   */
  public PoolBuilder transport(String name) {
    this.transportName = Objects.requireNonNull(name, "name");
    this.transportModule = null;
    return this;
  }

  /**
   * Options for each worker JVM, such as {@code -Xmx512m}; added after the pool's defaults, so
   * they win where the JVM takes the last of two. Each call adds to the previous ones.
   *
   * @param options the options, one per element
   * @return this builder
   */
  public PoolBuilder jvmOptions(String... options) {
    jvmOptions.addAll(Arrays.asList(options));
    return this;
  }

  /**
   * A system property for each worker JVM, passed as {@code -Dkey=value}. It shows on the
   * worker's command line, so it is no place for a secret.
   *
   * @param key the property's name
   * @param value its value
   * @return this builder
   */
  public PoolBuilder systemProperty(String key, String value) {
    systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * An environment variable for each worker, added to those the workers inherit.
   *
   * @param name the variable's name
   * @param value its value
   * @return this builder
   */
  public PoolBuilder environment(String name, String value) {
    environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * The workers' working directory; default: this process's.
   *
   * @param directory the directory the workers start in
   * @return this builder
   */
  public PoolBuilder workingDirectory(Path directory) {
    this.workingDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * The {@code java} the workers run; default: the one running this JVM.
   *
   * @param path the path of a {@code java} executable
   * @return this builder
   */
  public PoolBuilder javaExecutable(String path) {
    this.javaExecutable = Objects.requireNonNull(path, "path");
    return this;
  }

  /**
   * Code each worker runs once, before its first task (Python's {@code initializer} and
   * {@code initargs}: capture the arguments in the lambda). If it throws, the pool stops: every
   * waiting and later task fails with a {@link io.procpool.WorkerStartException} whose cause is
   * the initializer's exception, rather than workers being restarted forever.
   *
   * @param initializer the code, serialized and sent to every worker, replacements included
   * @return this builder
   */
  public PoolBuilder initializer(VoidTask initializer) {
    this.initializer = Objects.requireNonNull(initializer, "initializer");
    return this;
  }

  /**
   * Replaces each worker after it has run this many tasks (Python's {@code maxtasksperchild}),
   * to bound what a leaky task can hold. No task is lost or run twice. Default: never.
   *
   * @param tasks how many tasks a worker runs before it is replaced, at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code tasks} is less than 1
   */
  public PoolBuilder maxTasksPerChild(int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("maxTasksPerChild must be at least 1, was " + tasks);
    }
    this.maxTasksPerChild = tasks;
    return this;
  }

  /**
   * Stops any task that runs longer than this: its worker is killed and replaced, and its result
   * fails with {@link io.procpool.TaskTimeoutException}; other tasks go on. The clock starts when
   * the task starts in its worker. Default: no limit. For some calls only, or to give them another
   * limit, see {@link io.procpool.Pool#withTaskTimeout}.
   *
   * @param timeout how long a task may run in its worker
   * @return this builder
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public PoolBuilder taskTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("taskTimeout must be positive, was " + timeout);
    }
    this.taskTimeout = timeout;
    return this;
  }

  /**
   * Told of every task submitted, started, finished or failed, for progress or metrics. A later
   * call replaces the listener.
   *
   * @param listener the listener, called on the pool's callback thread
   * @return this builder
   */
  public PoolBuilder listener(PoolListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Lets a task's exception bring these classes into this process, beyond the built-in list.
   * A task's exception travels with Java serialization, and is rebuilt here only from
   * {@link Throwable}s, {@link StackTraceElement}s and the JDK value types exceptions commonly
   * hold (strings, boxed primitives, {@code BigInteger}/{@code BigDecimal}, enums, {@code UUID},
   * {@code java.time} values, {@code java.util} lists, sets and maps, arrays of those), so that a
   * worker's bytes cannot instantiate any other class here. An exception that holds another type
   * (a field of your own class) arrives as a {@link io.procpool.RemoteTaskException}, with its
   * class name, message and stack, and the type is logged; allow it here if it is safe to
   * deserialize. Patterns, in {@link java.io.ObjectInputFilter.Config#createFilter} syntax:
   * {@code com.example.Money}, {@code com.example.*} (a package), {@code com.example.**} (with
   * its subpackages). Each call adds to the previous ones.
   *
   * @param patterns class name patterns, one per element
   * @return this builder
   * @throws IllegalArgumentException if a pattern is not a class name pattern (a limit such as
   *     {@code maxdepth=5}, or a {@code !} refusal, say)
   */
  public PoolBuilder allowInExceptions(String... patterns) {
    List<String> added = Arrays.asList(patterns);
    ExceptionFilter.allowing(added); // refuses a bad pattern now, not at build()
    allowedInExceptions.addAll(added);
    return this;
  }

  /**
   * Starts the worker processes and returns the pool at once; tasks wait until a worker is up.
   *
   * @return the running pool
   * @throws IllegalArgumentException if the transport asked for by name is not known
   * @throws IllegalStateException if no transport is on the class path, or the one asked for by
   *     name is not available on this machine, or a first worker cannot be started at all (a
   *     {@link #javaExecutable} that does not exist, say); the message says which, and no worker
   *     is left running
   */
  public Pool build() {
    Module module = transportModule != null ? transportModule : TransportSelector.select(transportName);
    PoolSettings settings = new PoolSettings(workers, javaExecutable, List.copyOf(jvmOptions),
        Map.copyOf(systemProperties), Map.copyOf(environment), workingDirectory,
        initializer, maxTasksPerChild, taskTimeout, listener, ExceptionFilter.allowing(allowedInExceptions));
    return DefaultPool.start(settings, module);
  }
}
