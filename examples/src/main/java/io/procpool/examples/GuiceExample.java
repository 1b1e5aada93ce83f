package io.procpool.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.procpool.Pool;
import io.procpool.core.PoolModule;
import io.procpool.core.ProcessPool;
import jakarta.inject.Inject;
import java.util.List;

/** README's "Guice": a pool in the application's own injector, closed when the application ends. */
public final class GuiceExample {
  private GuiceExample() {}

  /** An application class that gets the pool injected. */
  static final class Report {
    private final Pool pool;

    @Inject
    Report(Pool pool) {
      this.pool = pool;
    }

    List<Integer> squares(List<Integer> numbers) throws Exception {
      return pool.map(x -> x * x, numbers);
    }
  }

  public static void main(String[] args) throws Exception {
    try (PoolModule pools = new PoolModule(ProcessPool.builder().workers(2))) {
      Injector injector = Guice.createInjector(pools /* , new AppModule() */);
      System.out.println(injector.getInstance(Report.class).squares(List.of(1, 2, 3)));
    } // closes the pool: accepted tasks finish, workers exit
  }
}
