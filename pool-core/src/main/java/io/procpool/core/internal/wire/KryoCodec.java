package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
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
import java.util.List;
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

  private final LambdaSerializer lambdas = new LambdaSerializer(this);
  private final Kryo kryo = newKryo(this, lambdas);
  private final Output output = new Output(256, -1);
  private final Input input = new Input();
  /** Encodes and decodes shared values, each a graph of its own, apart from the task under way. */
  private Kryo apart;
  /** {@link io.procpool.Shared} handles written since the last task was encoded; null: none. */
  private List<SharedValue> noted;
  /** Reader side: the worker's shared values; null outside a worker. */
  private SharedValueSource sharedValues;

  private KryoCodec() {}

  /** A task's bytes, and the shared values it refers to, which must reach its worker before it. */
  public record Encoded(byte[] bytes, List<SharedValue> shared) {}

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

  /**
   * As {@link #encode}, for a task of {@code call}: a value its lambdas capture that is large
   * (see {@link SharedCaptures}) is left out, as a reference to a shared value. Most tasks capture
   * nothing large, and cost one plain encoding; one in which a single captured value took that
   * much is encoded again, sharing, and so is every later task of a call that shared one. A value
   * an earlier call shared and that provably has not changed is written as its reference at once.
   */
  public Encoded encodeTask(Object value, String what, SharedCaptures call) {
    if (!call.anyLarge()) {
      byte[] bytes;
      List<SharedValue> known;
      lambdas.watchCaptures(call);
      try {
        bytes = encode(value, what);
      } finally {
        known = lambdas.endWatch();
      }
      if (!lambdas.wroteLargeCapture()) {
        return new Encoded(bytes, takeNoted(known));
      }
    }
    List<SharedValue> shared = new ArrayList<>(1);
    lambdas.shareInto(call, shared);
    try {
      byte[] bytes = encode(value, what);
      return new Encoded(bytes, takeNoted(shared));
    } finally {
      lambdas.shareInto(null, null);
    }
  }

  /**
   * {@code captured}, and the handles noted since the last task, each once. Handles written by an
   * item encoded on its own (an imap item) are noted until the task that carries it takes them.
   */
  private List<SharedValue> takeNoted(List<SharedValue> captured) {
    if (noted == null) {
      return captured.isEmpty() ? List.of() : List.copyOf(captured);
    }
    List<SharedValue> all = new ArrayList<>(captured);
    noted.stream().filter(value -> !all.contains(value)).forEach(all::add);
    noted = null;
    return List.copyOf(all);
  }

  /** A {@link SharedHandle} was written: the task under way refers to its value. */
  void noteShared(SharedValue value) {
    if (noted == null) {
      noted = new ArrayList<>(1);
    }
    noted.add(value);
  }

  /**
   * The bytes of a value to share, for {@link SharedHandle}.
   *
   * @throws TaskSerializationException naming the value's type
   */
  byte[] encodeShared(Object value) {
    try {
      return encodeApart(value);
    } catch (RuntimeException | StackOverflowError e) {
      throw new TaskSerializationException(SerializationFailure.message("the shared value", value, e, this::encodesApart), e);
    }
  }

  private boolean encodesApart(Object value) {
    try {
      encodeApart(value);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  /** The worker's decoded copy of the shared value {@code key}. */
  Object sharedValueOf(SharedKey key) {
    if (sharedValues == null) {
      throw new KryoException("a task refers to shared value " + key + " where none can be");
    }
    return sharedValues.valueOf(key);
  }

  /** The bytes of a value to be shared: a graph of its own, so that it decodes apart from any task. */
  byte[] encodeApart(Object value) {
    Output out = new Output(4096, -1);
    try {
      apart().writeClassAndObject(out, value);
      return out.toBytes();
    } finally {
      apart().reset();
    }
  }

  /**
   * The value of a shared value's {@code bytes}.
   *
   * @throws TaskSerializationException naming the value by {@code key}
   */
  public Object decodeApart(byte[] bytes, SharedKey key) {
    try {
      return apart().readClassAndObject(new Input(bytes));
    } catch (RuntimeException | LinkageError e) {
      throw new TaskSerializationException("Cannot deserialize shared value " + key + " (a large value a"
          + " task's lambda captured): " + e.getMessage(), e);
    } finally {
      apart().reset();
    }
  }

  /** Where this thread's decoding finds the shared values tasks refer to: the worker's. */
  public void readSharedValuesFrom(SharedValueSource source) {
    sharedValues = source;
  }

  private Kryo apart() {
    if (apart == null) {
      apart = newKryo(this, new LambdaSerializer(this));
    }
    return apart;
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

  private static Kryo newKryo(KryoCodec codec, LambdaSerializer lambdas) {
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
    kryo.register(ClosureSerializer.Closure.class, lambdas);
    kryo.register(ArrayList.class);
    UnmodifiableCollectionSerializers.registerWith(kryo);
    MapResultList.registerWith(kryo);
    JdkValueSerializers.registerWith(kryo);
    Invocations.registerWith(kryo);
    SharedRef.registerWith(kryo);
    kryo.register(SharedHandle.class, new SharedHandle.HandleSerializer(codec));
    return kryo;
  }
}
