/**
 * The transport SPI: what a plugin author implements to connect a pool to its workers.
 *
 * <p>Two concerns are kept apart, so that a transport can also reach workers the pool did not
 * start itself:
 * <ul>
 *   <li>{@link io.procpool.spi.WorkerLauncher} brings a worker process into existence (the core's
 *       default starts a local {@code java} with the parent's class path) and hands back a
 *       {@link io.procpool.spi.WorkerProcess};</li>
 *   <li>{@link io.procpool.spi.Transport} (parent side) and {@link io.procpool.spi.WorkerEndpoint}
 *       (worker side) move frames between the pool and that worker over a
 *       {@link io.procpool.spi.Connection}.</li>
 * </ul>
 *
 * <p><b>What a connection guarantees.</b> It is message oriented: {@code send(frame)} on one side
 * delivers exactly that byte array, whole, to {@code onFrame} on the other; frames arrive reliably
 * and in the order sent, or the connection closes. Serialization is the core's business: a
 * transport moves opaque frames and never looks inside them.
 *
 * <p><b>Failures are values.</b> No method of a connection throws into the core for an I/O
 * failure: the transport closes the connection and reports the reason once, through
 * {@link io.procpool.spi.ConnectionListener#onClosed(Throwable)}.
 *
 * <p><b>Choosing a transport.</b> Each transport ships a Guice module that binds
 * {@link io.procpool.spi.Transport} (and may override {@link io.procpool.spi.WorkerLauncher}),
 * and a {@link io.procpool.spi.TransportProvider} listed in
 * {@code META-INF/services/io.procpool.spi.TransportProvider} so that it can be found by name.
 *
 * <p><b>Writing one.</b> {@code docs/writing-a-transport.md} walks through a transport from the
 * contract to the test kit ({@code io.procpool:transport-tck}), with a small working example in
 * the {@code examples-transport-socket} module.
 */
package io.procpool.spi;
