package io.procpool.examples.socket;

import io.procpool.tck.KitCalls;

/** The kit's first half over the example transport: the calls users make. */
class SocketTransportTest extends SocketKit implements KitCalls {}
