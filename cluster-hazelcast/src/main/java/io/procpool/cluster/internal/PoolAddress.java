package io.procpool.cluster.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Until the worker connections and the jar downloads are encrypted (TLS, with the pool's
 * certificate pinned in the sealed request), a worker must run on the pool's own machine: it
 * connects back over the netty transport's TCP loopback mode, and its agent fetches the jars from
 * a code server on loopback. An agent elsewhere is refused, with that said, rather than given
 * workers that could only fail to connect, or connect in the clear.
 */
final class SameMachine {
  private SameMachine() {}

  static void require(AgentRef agent) throws IOException {
    String host = agent.address().substring(0, agent.address().lastIndexOf(':'));
    if (!isThisMachine(host)) {
      throw new IOException(agent + " is on another machine: this version of cluster mode runs workers only"
          + " on agents on the pool's own machine (the worker connections and jar downloads are not encrypted across"
          + " machines yet)");
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
}
