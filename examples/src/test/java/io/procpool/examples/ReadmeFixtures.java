package io.procpool.examples;

import io.procpool.PoolListener;

/**
 * The names README's snippets lean on without declaring them, as a reader would supply them: each
 * snippet is compiled in a subclass of this one, so its member types and fields are in scope.
 */
public abstract class ReadmeFixtures {
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
