package io.procpool.cluster;

import io.procpool.tck.KitCalls;
import org.junit.jupiter.api.Tag;

/** The kit's calls, over three agents on this machine. */
@Tag("cluster-kit")
class ClusterKitCallsTest extends ClusterKit implements KitCalls {}
