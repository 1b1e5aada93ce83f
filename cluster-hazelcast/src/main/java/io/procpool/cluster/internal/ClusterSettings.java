package io.procpool.cluster.internal;

import java.util.List;

/** What a pool needs to reach its cluster. */
public record ClusterSettings(String clusterName, List<String> members, ClusterKey key, int workersPerMember,
    java.time.Duration answerWithin) {}
