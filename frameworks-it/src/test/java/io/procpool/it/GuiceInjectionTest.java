package io.procpool.it;

import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.procpool.Pool;
import io.procpool.core.PoolModule;
import io.procpool.core.ProcessPool;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLauncher;
import io.procpool.transport.inprocess.InProcessTransportModule;
import io.procpool.transport.pipes.PipesTransportModule;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PoolModule} in an application's own injector, with real pools: worker processes over pipes, threads in process. */
class GuiceInjectionTest {
  @Qualifier
  @Retention(RUNTIME)
  @interface Io {}

  /** An application class, as a Guice user writes one. */
  static final class Squares {
    private final Pool pool;

    @Inject
    Squares(Pool pool) {
      this.pool = pool;
    }

    List<Integer> of(List<Integer> numbers) throws Exception {
      return pool.map(x -> x * x, numbers);
    }
  }

  static final class TwoPools {
    @Inject @Named("cpu") Pool cpu;
    @Inject @Io Pool io;
  }

  /** The application's own module, strict as some teams make theirs. */
  static final class AppModule extends AbstractModule {
    private final Class<?> bound;

    AppModule(Class<?> bound) {
      this.bound = bound;
    }

    @Override
    protected void configure() {
      binder().requireExplicitBindings();
      bind(bound);
    }
  }

  @Test
  void injectsOneRunningPoolThatTheModuleCloses() throws Exception {
    long workerPid;
    try (PoolModule pools = new PoolModule(ProcessPool.builder().workers(1).transport(new PipesTransportModule()))) {
      Injector injector = Guice.createInjector(pools, new AppModule(Squares.class));
      assertEquals(List.of(1, 4, 9), injector.getInstance(Squares.class).of(List.of(1, 2, 3)));
      Pool pool = injector.getInstance(Pool.class);
      assertSame(pool, injector.getInstance(Pool.class));
      assertSame(pool, pools.pool().orElseThrow());
      workerPid = pool.apply(() -> ProcessHandle.current().pid());
      assertNotEquals(ProcessHandle.current().pid(), workerPid);
      // the transport's bindings stay in the pool's own injector
      assertNull(injector.getExistingBinding(Key.get(Transport.class)));
      assertNull(injector.getExistingBinding(Key.get(WorkerLauncher.class)));
    }
    ProcessHandle.of(workerPid).ifPresent(worker -> worker.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false), "worker outlived close()");
  }

  @Test
  void twoPoolsUnderTwoAnnotationsAreTwoPools() throws Exception {
    try (PoolModule cpu = new PoolModule(Names.named("cpu"), ProcessPool.builder().workers(1).transport("pipes"));
         PoolModule io = new PoolModule(Io.class, ProcessPool.builder().workers(2).transport(new InProcessTransportModule()))) {
      TwoPools pools = Guice.createInjector(cpu, io, new AppModule(TwoPools.class)).getInstance(TwoPools.class);
      long here = ProcessHandle.current().pid();
      assertNotEquals(here, (long) pools.cpu.apply(() -> ProcessHandle.current().pid()));
      assertEquals(here, (long) pools.io.apply(() -> ProcessHandle.current().pid()));
      assertSame(pools.cpu, cpu.pool().orElseThrow());
      assertSame(pools.io, io.pool().orElseThrow());
    }
  }

  @Test
  void oneModuleIsOnePoolEvenInTwoInjectorsAndClosingItClosesThatPool() {
    PoolModule pools = new PoolModule(ProcessPool.builder().workers(1).transport(new InProcessTransportModule()));
    Pool pool = Guice.createInjector(pools).getInstance(Pool.class);
    assertSame(pool, Guice.createInjector(pools).getInstance(Pool.class));
    pools.close();
    pools.close(); // again: nothing more to do
    assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1));
  }
}
