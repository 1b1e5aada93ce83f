package io.procpool.cluster.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which agent gets the next worker: the one that runs the fewest of this pool's live workers,
 * ties going to the agents in turn (round-robin), and none that already runs
 * {@code workersPerMember}. Fewest first rather than plain turns, so that a replacement goes to
 * an agent that joined late, or that lost workers, instead of wherever the turn happens to be.
 */
final class Placement {
  private final int workersPerMember;
  private final List<AgentRef> agents = new ArrayList<>();
  private int next;

  Placement(int workersPerMember) {
    this.workersPerMember = workersPerMember;
  }

  synchronized void add(AgentRef agent) {
    if (agents.stream().noneMatch(known -> known.memberId().equals(agent.memberId()))) {
      agents.add(agent);
    }
  }

  synchronized void remove(AgentRef agent) {
    agents.removeIf(known -> known.memberId().equals(agent.memberId()));
  }

  synchronized AgentRef next(Collection<RemoteWorkerProcess> live) throws IOException {
    if (agents.isEmpty()) {
      throw new IOException("no procpool agent is a member of the cluster: start one on each machine"
          + " (java -cp ... io.procpool.cluster.ClusterAgent --key-file FILE)");
    }
    AgentRef chosen = null;
    long fewest = Long.MAX_VALUE;
    for (int tried = 0; tried < agents.size(); tried++) {
      AgentRef agent = agents.get((next + tried) % agents.size());
      long running = live.stream().filter(p -> p.agent.memberId().equals(agent.memberId())).count();
      if (running < workersPerMember && running < fewest) {
        chosen = agent;
        fewest = running;
      }
    }
    if (chosen != null) {
      next = (agents.indexOf(chosen) + 1) % agents.size();
      return chosen;
    }
    throw new IOException("every agent (" + agents.size() + ") already runs " + workersPerMember
        + " workers of this pool (workersPerMember)");
  }
}
