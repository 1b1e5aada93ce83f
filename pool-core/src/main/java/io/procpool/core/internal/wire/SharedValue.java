package io.procpool.core.internal.wire;

/**
 * A large value a task's lambda captures, encoded on its own: it goes to each worker once (a SHARE
 * message) and the task refers to it by {@code key} (a {@link SharedRef} in the lambda's place).
 *
 * @param key the SHA-256 of {@code bytes}
 * @param bytes the value, encoded by a Kryo of its own, so that it can be decoded apart from any task
 */
public record SharedValue(SharedKey key, byte[] bytes) {

  /** The value of {@code bytes}. */
  public static SharedValue of(byte[] bytes) {
    return new SharedValue(SharedKey.of(bytes), bytes);
  }
}
