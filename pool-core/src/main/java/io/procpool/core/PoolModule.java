package io.procpool.core;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import io.procpool.Pool;
import java.lang.annotation.Annotation;
import java.util.Objects;
import java.util.Optional;

/**
 * A Guice module that binds a {@link Pool}, built from a {@link PoolBuilder}, in your own
 * injector, so that {@code @Inject Pool pool} works:
 *
 * <pre>{@code
 * try (PoolModule pools = new PoolModule(ProcessPool.builder().workers(4))) {
 *   Injector injector = Guice.createInjector(pools, new AppModule());
 *   injector.getInstance(App.class).run();      // App has an @Inject Pool
 * }                                             // closes the pool: its accepted tasks finish, its workers exit
 * }</pre>
 *
 * <p>The pool is a singleton, built eagerly when the injector is created, so a pool that cannot
 * be built (no transport on the class path, an unknown transport name) fails
 * {@code Guice.createInjector} with a {@link com.google.inject.CreationException} whose message
 * says why. Its workers start in the background; injection does not wait for them. The module
 * binds the pool only: the transport's own Guice module stays inside the pool, in an injector
 * of its own, so it never meets your bindings.
 *
 * <p>Two pools: bind each under a binding annotation,
 * {@code new PoolModule(Names.named("cpu"), builderA)} and
 * {@code new PoolModule(Io.class, builderB)}, then {@code @Inject @Named("cpu") Pool}. Two
 * modules binding the same key fail the injector with Guice's "Pool was bound multiple times".
 *
 * <p><b>Who closes it:</b> the application, since Guice has no shutdown of its own. Close this
 * module (it is {@link AutoCloseable}, and closes the pool it built), or the pool you got from
 * the injector, when the application stops. A pool nobody closes still leaks no process: when
 * the injector, this module and everything else holding the pool are garbage, the pool's cleaner
 * terminates its workers and logs a warning that names the line that created the injector, and
 * when the JVM exits its workers are killed (see the README's "Closing pools").
 *
 * <p>The builder is used when the injector is created; do not change it after passing it here.
 * One module builds one pool: installed in a second injector, it gives that injector the same
 * pool.
 */
public final class PoolModule extends AbstractModule implements AutoCloseable {
  private final Key<Pool> key;
  private final PoolBuilder builder;
  private Pool pool; // guarded by this

  /**
   * Binds {@code Pool}, with no annotation, to a pool built from {@code builder}.
   *
   * @param builder the pool's settings, such as {@code ProcessPool.builder().workers(4)}
   */
  public PoolModule(PoolBuilder builder) {
    this(Key.get(Pool.class), builder);
  }

  /**
   * Binds {@code @annotation Pool}, for an annotation type of yours marked
   * {@code @BindingAnnotation} or {@code @Qualifier}.
   *
   * @param annotation the binding annotation type, such as {@code Io.class}
   * @param builder the pool's settings
   */
  public PoolModule(Class<? extends Annotation> annotation, PoolBuilder builder) {
    this(Key.get(Pool.class, Objects.requireNonNull(annotation, "annotation")), builder);
  }

  /**
   * Binds {@code Pool} under an annotation instance, such as {@code Names.named("cpu")} for
   * {@code @Named("cpu") Pool}.
   *
   * @param annotation the binding annotation, such as {@code Names.named("cpu")}
   * @param builder the pool's settings
   */
  public PoolModule(Annotation annotation, PoolBuilder builder) {
    this(Key.get(Pool.class, Objects.requireNonNull(annotation, "annotation")), builder);
  }

  private PoolModule(Key<Pool> key, PoolBuilder builder) {
    this.key = key;
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  @Override
  protected void configure() {
    bind(key).toProvider(new BuiltPool()).asEagerSingleton();
  }

  /**
   * The pool this module built, once an injector has been created with it.
   *
   * @return the pool, or empty if no injector has built it yet
   */
  public synchronized Optional<Pool> pool() {
    return Optional.ofNullable(pool);
  }

  /**
   * Closes the pool this module built, as {@link Pool#close()} does: no new tasks, the accepted
   * ones finish, the workers exit. Does nothing if no pool was built, or when called again.
   */
  @Override
  public void close() {
    Pool built;
    synchronized (this) {
      built = pool;
    }
    if (built != null) {
      built.close();
    }
  }

  @Override
  public String toString() {
    return "PoolModule[" + key + "]";
  }

  private final class BuiltPool implements Provider<Pool> {
    @Override
    public Pool get() {
      synchronized (PoolModule.this) {
        if (pool == null) {
          pool = builder.build();
        }
        return pool;
      }
    }

    @Override
    public String toString() {
      return PoolModule.this.toString();
    }
  }
}
