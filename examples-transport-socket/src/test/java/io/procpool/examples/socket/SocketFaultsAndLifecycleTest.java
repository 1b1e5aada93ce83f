package io.procpool.examples.socket;

import io.procpool.tck.KitFaultsAndLifecycle;

/** The kit's second half over the example transport: life cycle and faults, in a test JVM of its own. */
class SocketFaultsAndLifecycleTest extends SocketKit implements KitFaultsAndLifecycle {}
