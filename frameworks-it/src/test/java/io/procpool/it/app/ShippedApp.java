package io.procpool.it.app;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application inside the Spring Boot jar the tests assemble: a pool over the default
 * transport, a map, and what a worker says about itself, printed for the test to check.
 */
public final class ShippedApp {
  private ShippedApp() {}

  static int square(int x) {
    return x * x;
  }

  public static void main(String[] args) throws Exception {
    try (Pool pool = ProcessPool.builder().workers(1).build()) {
      System.out.println("squares " + pool.map(ShippedApp::square, List.of(1, 2, 3, 4, 5), 1));
      System.out.println("worker " + pool.apply(CurrentProcess::name) + " loaded the app from "
          + pool.apply(() -> ShippedApp.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
      System.out.println("workers " + ProcessHandle.current().children().map(child -> String.valueOf(child.pid()))
          .collect(Collectors.joining(",")));
    }
    System.out.println("processes after close " + ProcessHandle.current().descendants().count());
  }
}
