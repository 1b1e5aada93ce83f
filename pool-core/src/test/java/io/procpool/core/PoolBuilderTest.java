package io.procpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.ProvisionException;
import com.google.inject.Provides;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PoolBuilderTest {
  @Test
  void allowInExceptionsRefusesALimitAtOnceSayingWhatItTakes() {
    PoolBuilder builder = ProcessPool.builder();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> builder.allowInExceptions("com.example.*", "maxarray=10"));
    assertEquals("allowInExceptions takes class name patterns such as com.example.Money, com.example.*"
        + " (a package) or com.example.** (and its subpackages); was: \"maxarray=10\"", refused.getMessage());
  }

  /** A transport whose launcher cannot be made, as a cluster launcher that cannot reach its cluster. */
  static final class LauncherThatCannotBeMade extends AbstractModule {
    @Override
    protected void configure() {
      bind(Transport.class).toInstance(new Transport() {
        @Override
        public void configure(WorkerLaunchSpec spec) {}

        @Override
        public Connection connect(WorkerProcess worker, ConnectionListener listener) {
          throw new AssertionError("no worker is launched");
        }

        @Override
        public void shutdown() {}
      });
    }

    @Provides
    WorkerLauncher launcher() {
      throw new IllegalStateException("cannot reach the cluster at 127.0.0.1:5799");
    }
  }

  @Test
  void aTransportModulesOwnFailureArrivesAsItselfWithGuicesReportAttached() {
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> ProcessPool.builder().workers(1).transport(new LauncherThatCannotBeMade()).build());
    assertEquals("cannot reach the cluster at 127.0.0.1:5799", failed.getMessage());
    assertTrue(Arrays.stream(failed.getSuppressed()).anyMatch(ProvisionException.class::isInstance),
        "Guice's report of where it happened stays attached");
  }
}
