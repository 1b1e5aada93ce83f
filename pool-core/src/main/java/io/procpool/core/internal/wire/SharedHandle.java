package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.Shared;
import java.util.Objects;

/**
 * A {@link Shared} value. In the pool's process it holds the value and its encoding, made once;
 * it travels as its key (the task lists it among the shared values its worker must hold); in a
 * worker it holds that worker's decoded copy.
 */
public final class SharedHandle<T> implements Shared<T> {
  private final T value;
  /** The encoding the workers get; null in a worker, whose handle is only read. */
  private final SharedValue shared;

  private SharedHandle(T value, SharedValue shared) {
    this.value = value;
    this.shared = shared;
  }

  /** @throws io.procpool.TaskSerializationException if {@code value} cannot be serialized */
  public static <T> SharedHandle<T> of(T value) {
    Objects.requireNonNull(value, "value");
    return new SharedHandle<>(value, SharedValue.of(KryoCodec.get().encodeShared(value)));
  }

  @Override
  public T get() {
    return value;
  }

  @Override
  public String toString() {
    return "Shared[" + (shared != null ? shared.key() + ", " + shared.bytes().length + " bytes" : "a worker's copy") + "]";
  }

  /** Writes a handle as its key, noting its value for the task under way; reads it back as the worker's copy. */
  static final class HandleSerializer extends Serializer<SharedHandle<?>> {
    private final KryoCodec codec;

    HandleSerializer(KryoCodec codec) {
      super(false, true);
      this.codec = codec;
    }

    @Override
    public void write(Kryo kryo, Output output, SharedHandle<?> handle) {
      if (handle.shared == null) {
        throw new KryoException("a Shared value a worker received cannot be sent on: send its value instead");
      }
      output.writeBytes(handle.shared.key().digest());
      codec.noteShared(handle.shared);
    }

    @Override
    public SharedHandle<?> read(Kryo kryo, Input input, Class<? extends SharedHandle<?>> type) {
      return new SharedHandle<>(codec.sharedValueOf(SharedKey.fromDigest(input.readBytes(SharedKey.BYTES))), null);
    }
  }
}
