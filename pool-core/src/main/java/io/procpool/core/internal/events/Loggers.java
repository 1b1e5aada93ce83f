package io.procpool.core.internal.events;

/**
 * The names of procpool's loggers ({@link System.Logger}), one per concern rather than per
 * package, so that they stay put when classes move; all under {@code io.procpool}, so that one
 * setting covers them. README's "Logging and JFR" says what each level shows.
 */
public final class Loggers {
  /** A pool's life (built, terminated, closed), callbacks that threw, pools left unclosed, exit. */
  public static final String POOL = "io.procpool.pool";
  /** Workers' lives as the pool sees them (started, ready, retired, died), and a worker's own last words. */
  public static final String WORKER = "io.procpool.worker";
  /** Starting worker JVMs: the class data sharing archive trained, or not. */
  public static final String LAUNCH = "io.procpool.launch";

  private Loggers() {}
}
