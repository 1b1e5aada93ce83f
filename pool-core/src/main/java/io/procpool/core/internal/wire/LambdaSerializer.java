package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes lambdas and method references through their {@link SerializedLambda} form, read with
 * its public getters and rebuilt with its public constructor and the capturing class's own
 * {@code $deserializeLambda$}. Unlike Kryo's ClosureSerializer this needs no
 * {@code --add-opens java.base/java.lang.invoke}, in the pool or in the worker, nor an
 * {@code opens} of the lambda's package by an application module (see {@code FormCatcher}).
 *
 * <p>On the wire: the lambda's constant part (the nine names and signatures of its form), as one
 * length-prefixed block, then its captured values. A task's function is usually the same lambda
 * again and again, so both sides cache by it: the writer keeps each lambda class's block, ready
 * to copy; the reader keeps, per block, how to rebuild the lambda, and for a lambda that captures
 * nothing (stateless, so one instance serves every task) the lambda itself. That takes the
 * reflection and the string parsing out of the per-task cost.
 *
 * <p>A large captured value (see {@link SharedCaptures}) is written, when the codec encodes a task
 * sharing, as a {@link SharedRef}: the pool sends the value itself to each worker once, and the
 * reader puts the worker's copy (see {@link SharedValueSource}) in the reference's place.
 */
public final class LambdaSerializer extends Serializer<Object> {
  /** Per lambda class: its constant block and how to get its form. */
  private static final ClassValue<Form> FORMS = new ClassValue<>() {
    @Override
    protected Form computeValue(Class<?> type) {
      return new Form(type);
    }
  };
  /** Bounds the reader's cache; lambdas are per call site, so it rarely fills. */
  private static final int MAX_CACHED = 4096;

  /** Reader side: rebuilders by constant block. Kryo instances are per thread, and so is this. */
  private final Map<Block, Rebuilder> rebuilders = new HashMap<>();
  /**
   * Reader side: the rebuilder of the block read last. A task's function is usually the one of
   * the task before it, and then its block is compared where it lies in the input, neither
   * copied nor hashed.
   */
  private Rebuilder last;

  private final KryoCodec codec;
  /** Writer side, while a task is encoded sharing: the call's large captures, and the ones this task uses. */
  private SharedCaptures sharing;
  private List<SharedValue> shared;
  /** Writer side, in a task's first encoding: the call, whose known large values are written as references. */
  private SharedCaptures watching;
  /** Writer side: whether a captured value of {@link SharedCaptures#MIN_BYTES} or more was written since {@link #watchCaptures()}. */
  private boolean wroteLargeCapture;

  LambdaSerializer(KryoCodec codec) {
    this.codec = codec;
  }

  /**
   * Starts noting whether a lambda that captures values is written, writing as references the
   * large values {@code call} knows already (see {@link SharedCaptures#knownFormOf}) and nothing else.
   */
  void watchCaptures(SharedCaptures call) {
    wroteLargeCapture = false;
    watching = call;
    shared = null;
  }

  /** Ends {@link #watchCaptures}: the shared values it wrote references to, in order. */
  List<SharedValue> endWatch() {
    List<SharedValue> known = shared == null ? List.of() : shared;
    watching = null;
    shared = null;
    return known;
  }

  /**
   * Whether a single captured value took {@link SharedCaptures#MIN_BYTES} or more since {@link
   * #watchCaptures()}: only then can encoding the task again, sharing, make it smaller. A large
   * argument or map item beside small captures never is.
   */
  boolean wroteLargeCapture() {
    return wroteLargeCapture;
  }

  /** Writes large captured values of {@code call} as references, adding each to {@code used}; null: inline again. */
  void shareInto(SharedCaptures call, List<SharedValue> used) {
    sharing = call;
    shared = used;
  }


  /** The serialized form of {@code value} if it is a serializable lambda or method reference, else null. */
  static SerializedLambda serializedFormOf(Object value) {
    if (value == null || !value.getClass().isSynthetic()) {
      return null;
    }
    try {
      return FORMS.get(value.getClass()).serializedForm(value);
    } catch (KryoException e) {
      return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Object lambda) {
    Form form = FORMS.get(lambda.getClass());
    byte[] block = form.block;
    SerializedLambda serialized = null;
    if (block == null || form.capturedArgCount != 0) {
      serialized = form.serializedForm(lambda);
      if (block == null) {
        block = form.remember(serialized);
      }
    }
    output.writeVarInt(block.length, true);
    output.writeBytes(block);
    int captured = serialized == null ? 0 : serialized.getCapturedArgCount();
    output.writeVarInt(captured, true);
    for (int i = 0; i < captured; i++) {
      long before = output.total();
      writeCaptured(kryo, output, serialized.getCapturedArg(i));
      wroteLargeCapture |= output.total() - before >= SharedCaptures.MIN_BYTES;
    }
  }

  private void writeCaptured(Kryo kryo, Output output, Object value) {
    SharedValue large;
    if (sharing != null) {
      large = sharing.sharedFormOf(value, codec);
    } else if (watching != null) {
      large = SharedCaptures.likelyLarge(value) ? watching.sharedFormOf(value, codec) : watching.knownFormOf(value);
    } else {
      large = null;
    }
    if (large == null) {
      kryo.writeClassAndObject(output, value);
      return;
    }
    kryo.writeClassAndObject(output, new SharedRef(large.key()));
    if (shared == null) {
      shared = new ArrayList<>(1);
    }
    if (!shared.contains(large)) {
      shared.add(large);
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
    int length = input.readVarInt(true);
    // Taken before the captured values are read: one of them may be a lambda, read in here too.
    Rebuilder known = isLastBlock(input, length) ? last : null;
    byte[] block = known != null ? known.block : input.readBytes(length);
    Object[] captured = new Object[input.readVarInt(true)];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = kryo.readClassAndObject(input);
      if (captured[i] instanceof SharedRef ref) {
        captured[i] = codec.sharedValueOf(ref.key());
      }
    }
    Rebuilder rebuilder = known != null && known.loader == kryo.getClassLoader() ? known
        : rebuilderFor(new Block(block), kryo.getClassLoader());
    last = rebuilder;
    return rebuilder.rebuild(captured);
  }

  /** Whether the next {@code length} bytes are the block read last; if so, skips them. */
  private boolean isLastBlock(Input input, int length) {
    int at = input.position();
    if (last == null || last.block.length != length || input.limit() - at < length
        || !Arrays.equals(input.getBuffer(), at, at + length, last.block, 0, length)) {
      return false;
    }
    input.setPosition(at + length);
    return true;
  }

  private Rebuilder rebuilderFor(Block block, ClassLoader loader) {
    Rebuilder rebuilder = rebuilders.get(block);
    if (rebuilder == null || rebuilder.loader != loader) {
      rebuilder = new Rebuilder(block.bytes, loader);
      if (rebuilders.size() >= MAX_CACHED) {
        rebuilders.clear();
      }
      rebuilders.put(block, rebuilder);
    }
    return rebuilder;
  }

  /**
   * Gets a lambda's form through Java serialization, which may call the {@code writeReplace} of
   * a lambda in any module (it runs in {@code java.base}), where our reflection may not: so a
   * module on the module path need not open its packages to procpool for its lambdas to travel.
   * Nothing is written: the form is caught as it is about to be.
   */
  private static final class FormCatcher extends ObjectOutputStream {
    private SerializedLambda form;

    private FormCatcher() throws IOException {
      super(OutputStream.nullOutputStream());
      enableReplaceObject(true);
    }

    static SerializedLambda formOf(Object lambda) throws IOException {
      FormCatcher catcher = new FormCatcher();
      catcher.writeObject(lambda);
      if (catcher.form == null) {
        throw new NotSerializableException(lambda.getClass().getName());
      }
      return catcher.form;
    }

    @Override
    protected Object replaceObject(Object replaced) {
      if (form == null && replaced instanceof SerializedLambda serialized) {
        form = serialized;
        return null; // its captured values are ours to write, with Kryo
      }
      return replaced;
    }
  }

  /** The writer's knowledge of one lambda class. */
  private static final class Form {
    private final Method writeReplace;
    private volatile byte[] block;
    private volatile int capturedArgCount = -1;

    Form(Class<?> type) {
      Method method = null;
      boolean open = false;
      try {
        method = type.getDeclaredMethod("writeReplace");
        method.setAccessible(true);
        open = true;
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not a serializable lambda, or one of a module that does not open its package to us
      }
      this.writeReplace = method;
      this.closedModule = method != null && !open && !inTheJdk(type);
    }

    /**
     * The JDK's own serializable lambdas ({@code Comparator.comparing}) stay refused: a worker
     * could not rebuild them, as their {@code $deserializeLambda$} is closed to it too.
     */
    private static boolean inTheJdk(Class<?> type) {
      ClassLoader loader = type.getClassLoader();
      return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** A lambda of an application module whose package is not open to procpool: only Java serialization may call its writeReplace. */
    private final boolean closedModule;

    SerializedLambda serializedForm(Object lambda) {
      try {
        if (writeReplace == null) {
          throw new NoSuchMethodException(lambda.getClass().getName() + ".writeReplace()");
        }
        return closedModule ? FormCatcher.formOf(lambda) : (SerializedLambda) writeReplace.invoke(lambda);
      } catch (ReflectiveOperationException | IOException | RuntimeException e) {
        throw new KryoException("lambda " + lambda.getClass().getName() + " is not serializable: only"
            + " lambdas of a Serializable interface (Task, TaskFunction, ...) can be sent: " + e, e);
      }
    }

    byte[] remember(SerializedLambda form) {
      Output out = new Output(256, -1);
      out.writeString(form.getCapturingClass());
      out.writeString(form.getFunctionalInterfaceClass());
      out.writeString(form.getFunctionalInterfaceMethodName());
      out.writeString(form.getFunctionalInterfaceMethodSignature());
      out.writeVarInt(form.getImplMethodKind(), true);
      out.writeString(form.getImplClass());
      out.writeString(form.getImplMethodName());
      out.writeString(form.getImplMethodSignature());
      out.writeString(form.getInstantiatedMethodType());
      byte[] bytes = out.toBytes();
      capturedArgCount = form.getCapturedArgCount();
      block = bytes;
      return bytes;
    }
  }

  /** A constant block as a map key. */
  private static final class Block {
    final byte[] bytes;
    private final int hash;

    Block(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Block block && hash == block.hash && Arrays.equals(bytes, block.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The reader's knowledge of one lambda: its form's names, its class's rebuilder, its instance. */
  private static final class Rebuilder {
    /** The constant block it was made from. */
    final byte[] block;
    final ClassLoader loader;
    private final Class<?> capturingClass;
    private final String interfaceClass;
    private final String interfaceMethod;
    private final String interfaceSignature;
    private final int implKind;
    private final String implClass;
    private final String implMethod;
    private final String implSignature;
    private final String instantiatedType;
    private Method deserialize;
    /** The lambda, once rebuilt, if it captures nothing: stateless, so it can serve again. */
    private Object stateless;

    Rebuilder(byte[] block, ClassLoader loader) {
      this.block = block;
      this.loader = loader;
      Input in = new Input(block);
      String capturingClassName = in.readString().replace('/', '.');
      interfaceClass = in.readString();
      interfaceMethod = in.readString();
      interfaceSignature = in.readString();
      implKind = in.readVarInt(true);
      implClass = in.readString();
      implMethod = in.readString();
      implSignature = in.readString();
      instantiatedType = in.readString();
      try {
        capturingClass = Class.forName(capturingClassName, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new KryoException("cannot rebuild lambda " + implClass + "::" + implMethod
            + " captured in " + capturingClassName + ": " + e, e);
      }
    }

    Object rebuild(Object[] captured) {
      if (captured.length == 0 && stateless != null) {
        return stateless;
      }
      try {
        if (deserialize == null) {
          Method method = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
          method.setAccessible(true);
          deserialize = method;
        }
        SerializedLambda form = new SerializedLambda(capturingClass, interfaceClass, interfaceMethod,
            interfaceSignature, implKind, implClass, implMethod, implSignature, instantiatedType, captured);
        Object lambda = deserialize.invoke(null, form);
        if (captured.length == 0) {
          stateless = lambda;
        }
        return lambda;
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new KryoException("cannot rebuild lambda " + implClass + "::" + implMethod
            + " captured in " + capturingClass.getName() + ": " + e, e);
      }
    }
  }
}
