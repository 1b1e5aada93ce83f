package io.procpool.tck;

/** Every contract of the kit in one interface: what a transport's test class implements. */
public interface TransportContract extends ApplyContract, MapContract, AsyncResultContract,
    LifecycleContract, FailureContract, OutputContract, LoadContract, CallbackContract,
    WorkerLifecycleContract, TimeoutAndCancelContract, WorkerSettingsContract, ImapContract,
    StarmapContract, MapOutcomesContract, FrameLimitContract, ConnectionContract, UnclosedPoolContract,
    ImpostorContract, StandardConcurrencyContract {}
