/**
 * Micrometer meters for a pool: {@link io.procpool.micrometer.PoolMetrics}, a {@code MeterBinder}
 * over {@link io.procpool.Pool#stats()}. The application brings Micrometer (this module's
 * dependency on it is {@code provided}), and binds each pool under a name of its own.
 */
package io.procpool.micrometer;
