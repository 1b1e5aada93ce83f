package io.procpool.spi;

/**
 * A transport's Guice module that says, without an injector, what a worker's launch needs: then
 * the pool starts its first workers before it builds the injector, and a cold JVM's Guice
 * start-up (a quarter of a second) overlaps the workers' JVM start instead of preceding it.
 *
 * <p>A module that implements it promises two things. {@link #configureLaunch} adds to a spec
 * exactly what its {@link Transport#configure} adds, since the workers launched early never go
 * through {@code configure}; and it leaves the core's {@link WorkerLauncher} in place (workers
 * are local processes), as those workers are started before its bindings are read. Should the
 * injector bind another launcher after all, the early workers are stopped and the pool starts its
 * workers the ordinary way. A module that cannot promise this simply does not implement the
 * interface.
 */
public interface EarlyLaunchModule {

  /**
   * Adds what a worker needs to reach this module's transport to its launch specification, as
   * {@link Transport#configure} does: at least the endpoint class, and the standard output mode if
   * the transport needs it. Must not block or start anything.
   *
   * @param spec the worker's launch specification, to which this adds
   */
  void configureLaunch(WorkerLaunchSpec spec);
}
