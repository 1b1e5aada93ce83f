package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Hand-written serializers for the core's own records, which travel with every task and answer.
 * Kryo's RecordSerializer looks the components up and calls their accessors and the constructor
 * by reflection on every message: in a worker's profile under chunk-size-1 imap that was a fifth
 * of its CPU.
 */
public final class RecordSerializers {
  private RecordSerializers() {}

  public interface Writer<T> {
    void write(Kryo kryo, Output out, T value);
  }

  public interface Reader<T> {
    T read(Kryo kryo, Input in);
  }

  /** Registers {@code type} (the next registration id, as {@code kryo.register(type)} would). */
  public static <T> void register(Kryo kryo, Class<T> type, Writer<T> writer, Reader<T> reader) {
    kryo.register(type, new Serializer<T>(false, true) {
      @Override
      public void write(Kryo kryo, Output output, T value) {
        writer.write(kryo, output, value);
      }

      @Override
      public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
        return reader.read(kryo, input);
      }
    });
  }

  public static void writeBytes(Output out, byte[] bytes) {
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  public static byte[] readBytes(Input in) {
    return in.readBytes(in.readVarInt(true));
  }
}
