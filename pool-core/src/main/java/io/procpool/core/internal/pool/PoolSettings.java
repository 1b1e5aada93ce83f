package io.procpool.core.internal.pool;

import io.procpool.PoolListener;
import io.procpool.VoidTask;
import io.procpool.core.internal.wire.ExceptionFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a pool was built with. {@code javaExecutable}, {@code workingDirectory},
 * {@code initializer}, {@code taskTimeout} and {@code listener} may be null; a
 * {@code maxTasksPerChild} of 0 means no limit. {@code exceptionFilter} decides what a task's
 * exception may bring into this process.
 */
public record PoolSettings(
    int workers,
    String javaExecutable,
    List<String> jvmOptions,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Path workingDirectory,
    VoidTask initializer,
    int maxTasksPerChild,
    Duration taskTimeout,
    PoolListener listener,
    ExceptionFilter exceptionFilter) {}
