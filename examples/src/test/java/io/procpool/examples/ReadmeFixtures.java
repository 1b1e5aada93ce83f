package io.procpool.examples;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.procpool.Pool;
import io.procpool.PoolListener;
import java.util.List;
import java.util.Map;

/**
 * The names README's snippets lean on without declaring them, as a reader would supply them: each
 * snippet is compiled in a subclass of this one, so its member types and fields are in scope.
 */
public abstract class ReadmeFixtures {
  /** The pool snippets use without building one. */
  protected Pool pool;
  /** What snippets map over. */
  protected List<Integer> indexes = List.of();
  /** What a snippet loops over. */
  protected List<String> basket = List.of();
  /** The application's Micrometer registry. */
  protected MeterRegistry registry = new SimpleMeterRegistry();
  /** What a snippet adds up. */
  protected int total;

  /** A large list a snippet loads. */
  protected static List<String> loadNames() {
    return List.of();
  }

  /** A large table a snippet loads. */
  protected static Map<String, Integer> loadPrices() {
    return Map.of();
  }

  /** The listener the builder snippet passes in. */
  protected PoolListener progress = PoolListener.onTaskFinished(event -> { });

  /** The work README's snippets run. */
  public static final class Work {
    private Work() {}

    /** What README maps over its items. */
    public static int square(int x) {
      return x * x;
    }
  }

  /** The resource README's initializer opens in each worker. */
  public static final class Db {
    private Db() {}

    /** Opens nothing: the snippet only has to compile. */
    public static void connect(String url) {}
  }
}
