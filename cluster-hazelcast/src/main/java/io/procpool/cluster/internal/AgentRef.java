package io.procpool.cluster.internal;

import com.hazelcast.cluster.Member;
import java.util.UUID;

/** An agent as a pool knows it: its member's UUID, its name, and where it is. */
record AgentRef(UUID memberId, String name, String address) {
  static AgentRef of(Member member) {
    return new AgentRef(member.getUuid(), member.getAttribute(HazelcastSettings.AGENT_ATTRIBUTE),
        member.getAddress().getHost() + ":" + member.getAddress().getPort());
  }

  /** {@return the host of its member's address} */
  String host() {
    return address.substring(0, address.lastIndexOf(':'));
  }

  @Override
  public String toString() {
    return "agent " + name + " (member " + address + ")";
  }
}
