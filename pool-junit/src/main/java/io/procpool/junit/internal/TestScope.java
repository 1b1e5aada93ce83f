package io.procpool.junit.internal;

import io.procpool.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's, or one class's, share of the extension: the pool it owns, if it asked for one, and
 * the leak watch begun when it began. Kept in the context's store, so that parallel tests each
 * have their own; JUnit closes it with the context if the extension's after-callback never ran.
 */
public final class TestScope implements AutoCloseable {
  private final String name;
  private final TestScope parent;
  private final LeakWatch watch;
  private final Duration leakGrace;
  private final Duration closeTimeout;
  private OwnedPool owned; // guarded by this
  private boolean ended; // guarded by this

  private TestScope(String name, TestScope parent, LeakWatch watch, Duration leakGrace, Duration closeTimeout) {
    this.name = name;
    this.parent = parent;
    this.watch = watch;
    this.leakGrace = leakGrace;
    this.closeTimeout = closeTimeout;
  }

  /** Begins the scope of {@code context}, within {@code parent} (the class's, for a test), or null. */
  public static TestScope begin(ExtensionContext context, TestScope parent) {
    return new TestScope(context.getDisplayName(), parent, LeakWatch.begin(parent == null ? null : parent.watch),
        Settings.leakGrace(context), Settings.closeTimeout(context));
  }

  /** This scope's pool, built from {@code spec} the first time it is asked for. */
  public synchronized Pool pool(PoolSpec spec, ExtensionContext context) {
    if (ended) {
      throw new IllegalStateException(spec.where() + ": the pool of " + name + " was asked for after it was closed");
    }
    if (owned == null) {
      owned = new OwnedPool(spec.build(context));
    }
    return owned.pool();
  }

  /** The pool, if one was built and the scope has not ended. */
  private synchronized OwnedPool livePool() {
    return ended ? null : owned;
  }

  /** The pool, if one was built. */
  public synchronized Optional<Pool> builtPool() {
    return owned == null ? Optional.empty() : Optional.of(owned.pool());
  }

  /**
   * Closes the pool, then checks that nothing of the pools' outlived the scope.
   *
   * @throws AssertionError naming each process and thread left, and a pool that had to be terminated
   */
  public void end() throws InterruptedException {
    OwnedPool pool;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      pool = owned;
    }
    List<String> problems = new ArrayList<>();
    if (pool != null) {
      watch.expectGone(pool.workerPids());
      pool.close(closeTimeout).ifPresent(problems::add);
    }
    Set<Long> livingOn = new HashSet<>();
    boolean enclosingPool = false;
    for (TestScope at = parent; at != null; at = at.parent) {
      OwnedPool enclosing = at.livePool();
      if (enclosing != null) {
        enclosingPool = true;
        livingOn.addAll(enclosing.workerPids());
      }
    }
    problems.addAll(watch.end(name, leakGrace, livingOn, !enclosingPool));
    if (!problems.isEmpty()) {
      throw new AssertionError("procpool: after " + name + ":\n  - " + String.join("\n  - ", problems));
    }
  }

  @Override
  public void close() throws InterruptedException {
    end();
  }
}
