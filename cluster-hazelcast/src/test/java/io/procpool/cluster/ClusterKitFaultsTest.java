package io.procpool.cluster;

import io.procpool.tck.KitFaultsAndLifecycle;
import org.junit.jupiter.api.Tag;

/** The kit's faults and life cycle, over three agents on this machine. */
@Tag("cluster-kit")
class ClusterKitFaultsTest extends ClusterKit implements KitFaultsAndLifecycle {}
