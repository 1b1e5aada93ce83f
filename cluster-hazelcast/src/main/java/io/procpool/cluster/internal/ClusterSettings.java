package io.procpool.cluster.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a pool needs to reach its cluster, and where it listens for what comes back:
 * {@code poolAddress} (see {@link PoolAddress}), on {@code workerPort} for its workers and
 * {@code jarPort} for its code server (0: ports the system chooses).
 */
public record ClusterSettings(String clusterName, List<String> members, ClusterKey key, int workersPerMember,
    Duration answerWithin, InetAddress poolAddress, int workerPort, int jarPort) {}
