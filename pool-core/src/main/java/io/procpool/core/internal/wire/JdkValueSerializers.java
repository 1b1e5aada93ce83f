package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * JDK values that Kryo would take apart field by field, which Java 17 forbids for classes inside
 * {@code java.base}: Kryo's own serializers for some (not registered by default), and small ones
 * of ours that write what the value is made of (a path's text, an entry's key and value).
 */
public final class JdkValueSerializers {
  private JdkValueSerializers() {}

  static void registerWith(Kryo kryo) {
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    kryo.addDefaultSerializer(Pattern.class, new DefaultSerializers.PatternSerializer());
    kryo.addDefaultSerializer(AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
    kryo.addDefaultSerializer(AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
    kryo.addDefaultSerializer(AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
    kryo.addDefaultSerializer(AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
    entry(kryo, Map.entry("", "").getClass(), Map::entry);
    entry(kryo, AbstractMap.SimpleEntry.class, AbstractMap.SimpleEntry::new);
    entry(kryo, AbstractMap.SimpleImmutableEntry.class, AbstractMap.SimpleImmutableEntry::new);
    kryo.addDefaultSerializer(new ArrayList<>().subList(0, 0).getClass(), new Serializer<List<?>>() {
      @Override
      public void write(Kryo kryo, Output output, List<?> subList) {
        kryo.writeObject(output, new ArrayList<>(subList)); // a view of a bigger list: send only the view
      }

      @Override
      public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
        return kryo.readObject(input, ArrayList.class);
      }
    });
    kryo.addDefaultSerializer(InetAddress.class, new Serializer<InetAddress>() {
      @Override
      public void write(Kryo kryo, Output output, InetAddress address) {
        byte[] bytes = address.getAddress();
        output.writeByte(bytes.length);
        output.writeBytes(bytes);
      }

      @Override
      public InetAddress read(Kryo kryo, Input input, Class<? extends InetAddress> type) {
        try {
          return InetAddress.getByAddress(input.readBytes(input.readByte()));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e); // not for 4 or 16 bytes
        }
      }
    });
    asText(kryo, Path.class, Path::toString, Paths::get);
    asText(kryo, File.class, File::getPath, File::new);
  }

  /** Values that are what their text says: written as the text, rebuilt from it. */
  private static <T> void asText(Kryo kryo, Class<T> type, Function<T, String> text, Function<String, T> parse) {
    kryo.addDefaultSerializer(type, new Serializer<T>() {
      @Override
      public void write(Kryo kryo, Output output, T value) {
        output.writeString(text.apply(value));
      }

      @Override
      public T read(Kryo kryo, Input input, Class<? extends T> actualType) {
        return parse.apply(input.readString());
      }
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void entry(Kryo kryo, Class<?> type, BiFunction<Object, Object, Map.Entry<?, ?>> create) {
    kryo.addDefaultSerializer(type, new Serializer<Map.Entry<?, ?>>() {
      @Override
      public void write(Kryo kryo, Output output, Map.Entry<?, ?> entry) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }

      @Override
      public Map.Entry<?, ?> read(Kryo kryo, Input input, Class type) {
        return create.apply(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
    });
  }
}
