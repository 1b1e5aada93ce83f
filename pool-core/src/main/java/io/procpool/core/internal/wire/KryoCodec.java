package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.MapResultList;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Turns tasks, arguments and results into bytes and back with Kryo. Kryo instances are not
 * thread-safe, so each thread has its own; both processes register the same classes in the same
 * order, so those travel as small numbers instead of class names.
 */
public final class KryoCodec {
  /** The size to which Kryo's reference tables shrink after each message. */
  private static final int REFERENCE_TABLE_ENTRIES = 32;
  private static final ThreadLocal<KryoCodec> PER_THREAD = ThreadLocal.withInitial(KryoCodec::new);

  private final Kryo kryo = newKryo();
  private final Output output = new Output(256, -1);
  private final Input input = new Input();

  private KryoCodec() {}

  /** The calling thread's codec. */
  public static KryoCodec get() {
    return PER_THREAD.get();
  }

  /**
   * The bytes of {@code value}.
   *
   * @throws TaskSerializationException naming {@code what}, the value's type and, for a lambda,
   *     where it was declared and which captured value failed
   */
  public byte[] encode(Object value, String what) {
    Throwable failure;
    try {
      return write(value);
    } catch (RuntimeException | StackOverflowError e) {
      failure = e;
    }
    throw new TaskSerializationException(SerializationFailure.message(what, value, failure, this::encodes), failure);
  }

  private boolean encodes(Object value) {
    try {
      write(value);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  private byte[] write(Object value) {
    try {
      output.reset();
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } finally {
      kryo.reset();
      if (output.getBuffer().length > 1 << 20) {
        output.setBuffer(new byte[256], -1); // don't keep a huge buffer alive per thread
      }
    }
  }

  /**
   * The value held in {@code bytes}.
   *
   * @throws TaskSerializationException naming {@code what}
   */
  public Object decode(byte[] bytes, String what) {
    try {
      input.setBuffer(bytes);
      return kryo.readClassAndObject(input);
    } catch (RuntimeException | LinkageError e) {
      throw new TaskSerializationException("Cannot deserialize " + what + ": " + e.getMessage(), e);
    } finally {
      kryo.reset();
      input.setBuffer(new byte[0]);
    }
  }

  /**
   * As {@link #decode}, for a map's function, which every item of a chunk-size-1 imap brings
   * again: a function without instance fields (a lambda or method reference that captures
   * nothing) is kept and handed out again while the same bytes come, instead of being rebuilt.
   */
  public Object decodeFunction(byte[] bytes, String what) {
    if (lastFunction != null && Arrays.equals(bytes, lastFunctionBytes)) {
      return lastFunction;
    }
    Object function = decode(bytes, what);
    if (function != null && STATELESS.get(function.getClass())) {
      lastFunctionBytes = bytes;
      lastFunction = function;
    }
    return function;
  }

  private byte[] lastFunctionBytes;
  private Object lastFunction;

  /** Whether instances of a class hold no state: no instance fields, its own or inherited. */
  private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            return false;
          }
        }
      }
      return true;
    }
  };

  private static Kryo newKryo() {
    // Kryo clears its table of written objects after every message; with the default 2048 entries
    // that clear cost more than encoding a small task. Our messages are mostly small graphs.
    Kryo kryo = new Kryo(new DefaultClassResolver(), new MapReferenceResolver(REFERENCE_TABLE_ENTRIES));
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true); // object graphs with shared or cyclic references survive
    kryo.setAutoReset(false); // encode and decode reset it once, also after a failure
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader != null) {
      kryo.setClassLoader(loader);
    }
    kryo.register(ClosureSerializer.Closure.class, new LambdaSerializer());
    kryo.register(ArrayList.class);
    UnmodifiableCollectionSerializers.registerWith(kryo);
    MapResultList.registerWith(kryo);
    JdkValueSerializers.registerWith(kryo);
    Invocations.registerWith(kryo);
    return kryo;
  }
}
