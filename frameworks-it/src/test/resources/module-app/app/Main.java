package app;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.stream.Collectors;

public final class Main {
  private Main() {}

  record Point(int x, int y) {}

  static int square(int x) {
    return x * x;
  }

  public static void main(String[] args) throws Exception {
    System.out.println("parent module " + Main.class.getModule().getName());
    try (Pool pool = ProcessPool.builder().workers(1).build()) {
      System.out.println("squares " + pool.map(Main::square, List.of(1, 2, 3, 4, 5), 1));
      System.out.println("moved " + pool.apply(p -> new Point(p.x() + 1, p.y() * 2), new Point(1, 2)));
      System.out.println("worker " + pool.apply(CurrentProcess::name) + " runs the app in "
          + pool.apply(() -> Main.class.getModule().isNamed() ? "a named module" : "the unnamed module"));
      System.out.println("workers " + ProcessHandle.current().children().map(child -> String.valueOf(child.pid()))
          .collect(Collectors.joining(",")));
    }
    System.out.println("processes after close " + ProcessHandle.current().descendants().count());
  }
}
