package io.procpool.transport.pipes;

import io.procpool.tck.KitFaultsAndLifecycle;

/** The kit's second half over pipes: life cycle and faults, in a test JVM of its own beside the first. */
class PipesFaultsAndLifecycleTest extends PipesKit implements KitFaultsAndLifecycle {}
