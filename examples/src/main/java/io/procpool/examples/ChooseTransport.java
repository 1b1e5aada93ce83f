package io.procpool.examples;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.transport.netty.NettyTransportModule;
import io.procpool.transport.netty.NettyTransportOptions;
import java.util.List;

/**
 * The ways to choose how a pool talks to its workers, each running the same two tasks:
 * <ol>
 *   <li>in code, by module: {@code .transport(new NettyTransportModule())}, with options if you like;</li>
 *   <li>in code, by name: {@code .transport("pipes")};</li>
 *   <li>from outside, by system property: {@code -Dprocpool.transport=netty}, then
 *       {@code ProcessPool.create(2)}; without the property the best transport on the class
 *       path is taken (pipes, when it is there).</li>
 * </ol>
 * Run it on the examples module's class path, which has both transports; it prints which
 * workers ran the tasks, four times.
 */
public final class ChooseTransport {
  private ChooseTransport() {}

  public static void main(String[] args) throws Exception {
    try (Pool pool = ProcessPool.builder().workers(2).transport(new NettyTransportModule()).build()) {
      show("netty, by module", pool);
    }
    NettyTransportOptions overTcp = NettyTransportOptions.builder()
        .socketKind(NettyTransportOptions.SocketKind.TCP_LOOPBACK)
        .build();
    try (Pool pool = ProcessPool.builder().workers(2).transport(new NettyTransportModule(overTcp)).build()) {
      show("netty over TCP, by module with options", pool);
    }
    try (Pool pool = ProcessPool.builder().workers(2).transport("pipes").build()) {
      show("pipes, by name", pool);
    }
    String before = System.setProperty("procpool.transport", "netty"); // as -Dprocpool.transport=netty would
    try (Pool pool = ProcessPool.create(2)) {
      show("netty, by system property", pool);
    } finally {
      restore(before);
    }
  }

  private static void show(String how, Pool pool) throws Exception {
    List<String> names = pool.map(x -> nameAfter(100), List.of(1, 2), 1);
    System.out.println(how + ": tasks ran in " + names);
  }

  private static String nameAfter(long millis) throws InterruptedException {
    Thread.sleep(millis); // long enough that the second task goes to the other worker
    return CurrentProcess.name();
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty("procpool.transport");
    } else {
      System.setProperty("procpool.transport", before);
    }
  }
}
