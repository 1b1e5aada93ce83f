package io.procpool.transport.netty;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Not a test: measures what a round trip costs over each kind of socket, to choose the default.
 * Two measures, each over several rounds, kinds alternating, reporting the median and the best:
 * <ul>
 *   <li>{@code transport}: a 64-byte frame to a worker endpoint in this JVM that echoes it, so
 *       only the transport is measured (sockets, Netty, thread hand-offs);</li>
 *   <li>{@code pool}: {@code pool.apply(() -> 1)} on a pool of one real worker, which is what
 *       users see (the core's serialization and scheduling included).</li>
 * </ul>
 *
 * <pre>
 * mvn -q -pl transport-netty -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp transport-netty/target/test-classes:transport-netty/target/classes:$(cat /tmp/cp.txt) \
 *     io.procpool.transport.netty.RoundTripBench [transport|pool] [rounds] [tripsPerRound]
 * </pre>
 * (With {@code -am}, the class path names the sibling modules' {@code target/classes}, not
 * whatever snapshots a local repository holds.) The machine is shared and busy: compare the
 * medians and the bests of several rounds, not one number.
 *
 * Add {@code -Dio.netty.transport.noNative=true} to measure NIO instead of native epoll.
 */
final class RoundTripBench {
  private RoundTripBench() {}

  public static void main(String[] args) throws Exception {
    String measure = args.length > 0 ? args[0] : "transport";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int trips = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    System.out.println(measure + " round trips, " + SocketFlavor.of(SocketKind.TCP_LOOPBACK).toString().replace("TCP_LOOPBACK ", "")
        + "; " + rounds + " rounds of " + trips);
    double[][] micros = new double[SocketKind.values().length][rounds];
    for (int round = 0; round < rounds; round++) { // alternate, so that no kind always meets a quieter machine
      for (SocketKind kind : SocketKind.values()) {
        micros[kind.ordinal()][round] = measure.equals("pool") ? poolRound(kind, trips) : transportRound(kind, trips);
      }
    }
    for (SocketKind kind : SocketKind.values()) {
      double[] sorted = micros[kind.ordinal()].clone();
      Arrays.sort(sorted);
      System.out.printf("%-13s median %6.1f us, best %6.1f us%n", kind, sorted[rounds / 2], sorted[0]);
    }
  }

  private static double transportRound(SocketKind kind, int trips) throws Exception {
    NettyTransport transport = new NettyTransport(NettyTransportOptions.builder().socketKind(kind).build());
    try {
      FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
      BlockingQueue<byte[]> answers = new ArrayBlockingQueue<>(1);
      Connection pool = transport.connect(worker, listener(answers::add));
      Connection[] echo = new Connection[1];
      echo[0] = new NettyWorkerEndpoint().open(worker.writtenToStdin(), OutputStream.nullOutputStream(),
          listener(frame -> echo[0].send(frame)));
      byte[] frame = new byte[64];
      for (int i = 0; i < trips / 4; i++) { // warm up
        pool.send(frame);
        answers.take();
      }
      long start = System.nanoTime();
      for (int i = 0; i < trips; i++) {
        pool.send(frame);
        answers.take();
      }
      return (System.nanoTime() - start) / 1000.0 / trips;
    } finally {
      transport.shutdown();
    }
  }

  private static double poolRound(SocketKind kind, int trips) throws Exception {
    try (Pool pool = ProcessPool.builder().workers(1)
        .transport(new NettyTransportModule(NettyTransportOptions.builder().socketKind(kind).build()))
        .systemProperty("io.netty.transport.noNative", System.getProperty("io.netty.transport.noNative", "false"))
        .build()) {
      for (int i = 0; i < trips / 4; i++) { // warm up both JVMs
        pool.apply(() -> 1);
      }
      long start = System.nanoTime();
      for (int i = 0; i < trips; i++) {
        pool.apply(() -> 1);
      }
      return (System.nanoTime() - start) / 1000.0 / trips;
    }
  }

  private interface FrameAction {
    void on(byte[] frame);
  }

  private static ConnectionListener listener(FrameAction action) {
    return new ConnectionListener() {
      @Override
      public void onFrame(byte[] frame) {
        action.on(frame);
      }

      @Override
      public void onClosed(Throwable reason) {}
    };
  }
}
