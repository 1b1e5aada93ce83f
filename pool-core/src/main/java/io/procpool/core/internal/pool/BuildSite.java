package io.procpool.core.internal.pool;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Where a pool was built, as the first frame of the code that called the builder, so that the
 * warning about a pool nobody closed says which one. A stack walk that stops at that frame: cheap
 * beside starting the pool's workers.
 */
final class BuildSite {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource CORE = BuildSite.class.getProtectionDomain().getCodeSource();

  private BuildSite() {}

  /** The caller's frame outside this library, such as {@code com.acme.Job.run(Job.java:42)}. */
  static String ofCaller() {
    return WALKER.walk(frames -> frames.filter(frame -> !inCore(frame.getDeclaringClass()) && !inGuice(frame.getDeclaringClass())).findFirst())
        .map(frame -> frame.toStackTraceElement().toString())
        .orElse("an unknown place");
  }

  /** Guice's own frames, when a {@code PoolModule} builds the pool: the user's line is the injector's creation. */
  private static boolean inGuice(Class<?> type) {
    return type.getName().startsWith("com.google.inject.");
  }

  /** Classes of pool-core itself; the name alone would also skip a user's (or a test's) class in our packages. */
  private static boolean inCore(Class<?> type) {
    return type.getName().startsWith("io.procpool.core.")
        && Objects.equals(type.getProtectionDomain().getCodeSource(), CORE);
  }
}
