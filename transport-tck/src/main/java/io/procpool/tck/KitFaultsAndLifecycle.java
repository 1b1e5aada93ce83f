package io.procpool.tck;

/** The second half of the kit: the pool's life, its workers', and what goes wrong (docs/faults.md). */
public interface KitFaultsAndLifecycle extends LifecycleContract, FailureContract, WorkerLifecycleContract,
    TimeoutAndCancelContract, WorkerSettingsContract, FrameLimitContract, ConnectionContract,
    UnclosedPoolContract, ImpostorContract, StatsContract {}
