package io.procpool.tck;

/** The first half of the kit: the calls users make, their results, output and callbacks. */
public interface KitCalls extends ApplyContract, MapContract, AsyncResultContract, OutputContract,
    LoadContract, CallbackContract, ImapContract, StarmapContract, MapOutcomesContract,
    StandardConcurrencyContract, SharedCaptureContract, ProgressContract {}
