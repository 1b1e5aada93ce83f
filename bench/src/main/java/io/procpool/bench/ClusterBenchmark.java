package io.procpool.bench;

import com.google.inject.Module;
import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.cluster.LocalCluster;
import io.procpool.core.ProcessPool;
import io.procpool.transport.netty.NettyTransportModule;
import io.procpool.transport.netty.NettyTransportOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Cluster mode against the local pool, side by side in one run: a pool over three agents on this
 * machine ({@link LocalCluster}) and a local netty pool over TCP loopback, the same worker count,
 * the rounds interleaved (local, cluster, local, cluster, ...). Per round and pool: start to first
 * result, apply latency (median of 2,000 after 2,000), 20k applyAsync, map 1M at default chunks.
 * Round 1 is the cold one (each pool fresh, this JVM's side not yet compiled); the medians of the
 * later rounds are the warm figures. Prints each figure and the cluster/local ratio. Where this
 * machine has a network address, two pools more listen on it, as they would for other machines,
 * and so with TLS: a local netty pool ({@code tcp(address)}) and the cluster pool
 * ({@code poolAddress(address)}); their agents stay on loopback.
 *
 * <p>Usage: {@code ClusterBenchmark [--rounds N] [--workers N]} (defaults 4 and 3).
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  static Integer noop(Integer x) {
    return x;
  }

  /**
   * Runs the comparison.
   *
   * @param args {@code --rounds N}, {@code --workers N}
   * @throws Exception if a pool fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = 4;
    int workers = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --rounds, --workers");
      }
    }
    long clusterStart = System.nanoTime();
    try (LocalCluster cluster = LocalCluster.start(3)) {
      System.out.printf("3 agents joined in %.0f ms%n", (System.nanoTime() - clusterStart) / 1e6);
      Map<String, Module> pools = new LinkedHashMap<>();
      pools.put("local", new NettyTransportModule(NettyTransportOptions.builder()
          .socketKind(NettyTransportOptions.SocketKind.TCP_LOOPBACK).build()));
      pools.put("cluster", cluster.module());
      java.net.InetAddress network = LocalCluster.networkAddress().orElse(null);
      if (network != null) {
        pools.put("local-tls", new NettyTransportModule(NettyTransportOptions.builder().tcp(network).build()));
        pools.put("cluster-tls", cluster.pointedAt().poolAddress(network).build());
      }
      Map<String, List<Map<String, Double>>> figures = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (Map.Entry<String, Module> pool : pools.entrySet()) {
          Map<String, Double> measured = measure(pool.getValue(), workers);
          figures.computeIfAbsent(pool.getKey(), k -> new ArrayList<>()).add(measured);
          System.out.println("round " + round + " " + pool.getKey() + " " + measured);
        }
      }
      report(figures);
    }
  }

  private static Map<String, Double> measure(Module transport, int workers) throws Exception {
    Map<String, Double> figures = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (Pool pool = ProcessPool.builder().transport(transport).workers(workers).build()) {
      pool.apply(ClusterBenchmark::noop, 0);
      figures.put("start_to_first_result_ms", (System.nanoTime() - t0) / 1e6);
      pool.map(ClusterBenchmark::noop, IntStream.range(0, 4 * workers).boxed().collect(Collectors.toList()), 1);
      for (int i = 0; i < 2000; i++) {
        pool.apply(ClusterBenchmark::noop, i);
      }
      double[] us = new double[2000];
      for (int i = 0; i < us.length; i++) {
        long t = System.nanoTime();
        pool.apply(ClusterBenchmark::noop, i);
        us[i] = (System.nanoTime() - t) / 1e3;
      }
      figures.put("apply_median_us", median(us));
      int n = 20_000;
      long t = System.nanoTime();
      List<AsyncResult<Integer>> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        results.add(pool.applyAsync(ClusterBenchmark::noop, i));
      }
      for (AsyncResult<Integer> result : results) {
        result.get();
      }
      figures.put("apply_async_per_s", n / ((System.nanoTime() - t) / 1e9));
      List<Integer> items = IntStream.range(0, 1_000_000).boxed().collect(Collectors.toList());
      t = System.nanoTime();
      int size = pool.map(ClusterBenchmark::noop, items).size();
      if (size != items.size()) {
        throw new IllegalStateException("map returned " + size + " items");
      }
      figures.put("map_1M_items_per_s", items.size() / ((System.nanoTime() - t) / 1e9));
    }
    return figures;
  }

  private static void report(Map<String, List<Map<String, Double>>> figures) {
    List<Map<String, Double>> local = figures.get("local");
    System.out.println();
    StringBuilder header = new StringBuilder("| figure | state");
    StringBuilder rule = new StringBuilder("|---|---");
    for (String pool : figures.keySet()) {
      header.append(" | ").append(pool);
      rule.append("|---");
      if (!pool.equals("local")) {
        header.append(" | ").append(pool).append(" / local");
        rule.append("|---");
      }
    }
    System.out.println(header.append(" |"));
    System.out.println(rule.append("|"));
    for (String name : local.get(0).keySet()) {
      for (String state : List.of("cold", "warm")) {
        StringBuilder row = new StringBuilder("| " + name + " | " + state);
        double base = figure(local, name, state);
        for (Map.Entry<String, List<Map<String, Double>>> pool : figures.entrySet()) {
          double value = figure(pool.getValue(), name, state);
          row.append(String.format(" | %,.1f", value));
          if (!pool.getKey().equals("local")) {
            row.append(String.format(" | %.2fx", value / base));
          }
        }
        System.out.println(row.append(" |"));
      }
    }
    System.out.println("cold = round 1; warm = median of the later rounds; for _ms and _us lower is better, for _per_s higher");
  }

  private static double figure(List<Map<String, Double>> rounds, String name, String state) {
    return state.equals("cold") ? rounds.get(0).get(name) : medianOf(rounds.subList(1, rounds.size()), name);
  }

  private static double medianOf(List<Map<String, Double>> rounds, String name) {
    if (rounds.isEmpty()) {
      return Double.NaN;
    }
    return median(rounds.stream().mapToDouble(r -> r.get(name)).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
