package io.procpool.cluster;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program with a cluster pool that the test kills outright: {@code PoolThatDies CLUSTER KEYFILE
 * MEMBER...}. It prints its workers' pids (on the agents' machine), then waits to be killed.
 */
public final class PoolThatDies {
  private PoolThatDies() {}

  static Long pid(Integer item) throws InterruptedException {
    Thread.sleep(50);
    return ProcessHandle.current().pid();
  }

  public static void main(String[] args) throws Exception {
    String[] members = Arrays.copyOfRange(args, 2, args.length);
    Pool pool = ProcessPool.builder()
        .transport(HazelcastCluster.at(members).clusterName(args[0]).keyFile(Path.of(args[1])).build())
        .workers(3).build();
    List<Long> pids = pool.map(PoolThatDies::pid, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 1);
    System.out.println("workers " + pids.stream().distinct().map(String::valueOf).collect(Collectors.joining(",")));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
