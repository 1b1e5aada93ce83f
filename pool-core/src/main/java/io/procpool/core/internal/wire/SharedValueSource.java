package io.procpool.core.internal.wire;

/**
 * Where a worker's decoder finds the values tasks refer to by {@link SharedKey}: the ones the pool
 * sent it in SHARE messages, each decoded once.
 */
public interface SharedValueSource {
  /**
   * The decoded value of {@code key}.
   *
   * @throws com.esotericsoftware.kryo.KryoException if this worker was not sent it, or it cannot be decoded
   */
  Object valueOf(SharedKey key);
}
