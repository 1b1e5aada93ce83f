package io.procpool.cluster;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** This machine's own addresses, for tests that need one other machines could reach. */
public final class LocalAddresses {
  private LocalAddresses() {}

  /** {@return an IPv4 address of an interface that is up and not loopback, if there is one} */
  public static Optional<InetAddress> firstNonLoopback() {
    try {
      for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (face.isUp() && !face.isLoopback()) {
          for (InetAddress address : Collections.list(face.getInetAddresses())) {
            if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
              return Optional.of(address);
            }
          }
        }
      }
    } catch (SocketException e) {
      // none, then
    }
    return Optional.empty();
  }
}
