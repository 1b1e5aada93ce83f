package io.procpool.tck;

/**
 * Every contract of the kit in one interface: what a transport's test class implements. A
 * transport whose kit run is long may implement its two halves, {@link KitCalls} and
 * {@link KitFaultsAndLifecycle}, in two classes instead, which Surefire can run side by side
 * ({@code forkCount} 2).
 */
public interface TransportContract extends KitCalls, KitFaultsAndLifecycle {}
