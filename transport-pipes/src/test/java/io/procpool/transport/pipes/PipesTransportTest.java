package io.procpool.transport.pipes;

import io.procpool.tck.KitCalls;

/** The kit's first half over pipes: the calls users make; {@link PipesFaultsAndLifecycleTest} has the rest. */
class PipesTransportTest extends PipesKit implements KitCalls {}
