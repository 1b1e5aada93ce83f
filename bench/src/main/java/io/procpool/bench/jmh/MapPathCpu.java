package io.procpool.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * {@link MapPathBenchmark}'s map, timed in CPU rather than wall time, from a fresh JVM: the first
 * round is the cold one. On a loaded machine wall time measures the neighbours; the CPU this JVM
 * spends (its thread, the JIT's compiler threads and the collector's, which a cold map pays for
 * on the same CPUs) much less so.
 *
 * <p>Run: {@code java [-XX:+UseSerialGC] -cp "$(ls bench/target/bench-*.jar):$(cat bench/target/classpath.txt)"
 * io.procpool.bench.jmh.MapPathCpu [rounds] [last|all]}; prints, per round, the process's CPU, the
 * map thread's CPU and the wall time, in ms.
 */
public final class MapPathCpu {
  private MapPathCpu() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    MapPathBenchmark map = new MapPathBenchmark();
    map.items = 1_000_000;
    map.read = args.length > 1 ? args[1] : "last";
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      long cpu = os.getProcessCpuTime();
      long thread = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      map.map();
      System.out.printf(Locale.ROOT, "round %d process_cpu %.0f ms thread_cpu %.0f ms wall %.0f ms%n", r,
          (os.getProcessCpuTime() - cpu) / 1e6, (threads.getCurrentThreadCpuTime() - thread) / 1e6,
          (System.nanoTime() - wall) / 1e6);
    }
  }
}
