package io.procpool.cluster.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a cluster pool listens (for its workers' connections and its code server): an address
 * its agents' machines reach it at. With every member on loopback that is loopback, and the
 * connections stay plain, as on one machine; otherwise it is the address this machine sends from
 * toward the first member not on loopback, and the netty transport and the code server use TLS on it.
 */
public final class PoolAddress {
  private PoolAddress() {}

  /**
   * The address the agents at {@code members} reach this machine at, as its routing table says.
   *
   * @param members {@code host:port} of members
   * @return loopback if every member is on loopback, else this machine's address toward the first other
   * @throws IllegalArgumentException if none of the members resolves, or no route leads to it
   */
  public static InetAddress toward(List<String> members) {
    InetAddress first = null; // the first member not on loopback
    boolean allLoopback = true;
    for (String member : members) {
      InetAddress address = resolve(member);
      allLoopback &= address != null && address.isLoopbackAddress();
      if (first == null && address != null && !address.isLoopbackAddress()) {
        first = address;
      }
    }
    if (allLoopback) {
      return InetAddress.getLoopbackAddress();
    }
    if (first == null) {
      throw new IllegalArgumentException("none of the members " + members + " resolves to an address: name the"
          + " address agents reach this machine at with HazelcastCluster.Builder.poolAddress");
    }
    // Connecting a datagram socket sends nothing: it only asks the routing table for the source address.
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(first, 9));
      InetAddress local = probe.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        throw new SocketException("no source address");
      }
      return local;
    } catch (SocketException e) {
      throw new IllegalArgumentException("cannot tell which of this machine's addresses the member at "
          + first.getHostAddress() + " reaches: name it with HazelcastCluster.Builder.poolAddress (" + e.getMessage() + ")");
    }
  }

  /**
   * Refuses an agent on another machine while the pool listens on loopback: its workers could
   * not connect back, nor its agent fetch the jars.
   */
  static void requireReachable(AgentRef agent, InetAddress poolAddress) throws IOException {
    if (poolAddress.isLoopbackAddress() && !isThisMachine(agent.host())) {
      throw new IOException(agent + " is on another machine, but this pool listens on loopback (every member it was"
          + " given is on loopback): name the address the agents reach this machine at with"
          + " HazelcastCluster.Builder.poolAddress, or give a member's real address");
    }
  }

  static boolean isThisMachine(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress() || address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }

  private static InetAddress resolve(String member) {
    int colon = member.lastIndexOf(':');
    String host = colon > 0 && member.indexOf(':') == colon ? member.substring(0, colon) : member;
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", ""));
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
