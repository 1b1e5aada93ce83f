package io.procpool.core.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a pool was built with. {@code javaExecutable} and {@code workingDirectory} may be null. */
public record PoolSettings(
    int workers,
    String javaExecutable,
    List<String> jvmOptions,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Path workingDirectory) {}
