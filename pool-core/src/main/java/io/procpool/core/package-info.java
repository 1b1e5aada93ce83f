/**
 * Where pools are made: {@link io.procpool.core.ProcessPool#create(int)} for the defaults and
 * {@link io.procpool.core.ProcessPool#builder()} for a {@link io.procpool.core.PoolBuilder}. The
 * rest of the core is in {@code io.procpool.core.internal} and is not for use outside it.
 */
package io.procpool.core;
