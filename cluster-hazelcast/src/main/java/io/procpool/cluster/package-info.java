/**
 * Cluster mode over Hazelcast: {@link io.procpool.cluster.HazelcastCluster} for the pool,
 * {@link io.procpool.cluster.ClusterAgent} on each machine.
 */
package io.procpool.cluster;
