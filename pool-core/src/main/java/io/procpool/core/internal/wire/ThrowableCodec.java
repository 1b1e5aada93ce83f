package io.procpool.core.internal.wire;

import io.procpool.RemoteTaskException;
import io.procpool.core.internal.events.Loggers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries a task's exception from worker to parent. The exception goes with Java serialization,
 * which keeps its type, message, stack and causes; a plain description always goes beside it, so
 * that when the type cannot be rebuilt here the caller still gets a {@link RemoteTaskException}
 * with the class name, message and remote stack. The same happens when the exception holds a type
 * its {@link ExceptionFilter} refuses: that is logged once per exception type and refusal, with what
 * to do.
 */
public final class ThrowableCodec {
  private static final int MAX_CAUSES = 16;
  /** Refusals logged already, so that a map of failing items logs one line, not one per item. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final int MAX_LOGGED = 1024;

  private ThrowableCodec() {}

  public static byte[] encode(Throwable error) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      writeDescription(out, error);
      byte[] serialized = javaSerialize(error);
      out.writeInt(serialized.length);
      out.write(serialized);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
  }

  /** As {@link #decode(byte[], ExceptionFilter)} with {@link ExceptionFilter#DEFAULT}. */
  public static Throwable decode(byte[] encoded) {
    return decode(encoded, ExceptionFilter.DEFAULT);
  }

  /**
   * The exception in {@code encoded}: as its own type if it can be rebuilt here from what
   * {@code filter} allows, else as a {@link RemoteTaskException}.
   */
  public static Throwable decode(byte[] encoded, ExceptionFilter filter) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
      RemoteTaskException described = readDescription(in);
      byte[] serialized = new byte[in.readInt()];
      in.readFully(serialized);
      ExceptionFilter.Refusal[] refusal = new ExceptionFilter.Refusal[1];
      Throwable rebuilt = javaDeserialize(serialized, filter, refusal);
      if (refusal[0] != null) {
        logRefusal(described == null ? "unknown" : described.remoteClassName(), refusal[0], filter);
      }
      return rebuilt != null ? rebuilt : described;
    } catch (IOException e) {
      return new RemoteTaskException("unknown", "the worker's exception could not be read: " + e,
          new StackTraceElement[0], null);
    }
  }

  /**
   * The plain description in {@code encoded}: class names, messages and stacks, without
   * deserializing anything; null if it cannot be read.
   */
  public static RemoteTaskException description(byte[] encoded) {
    try {
      return readDescription(new DataInputStream(new ByteArrayInputStream(encoded)));
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeDescription(DataOutputStream out, Throwable error) throws IOException {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_CAUSES && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    out.writeInt(chain.size());
    for (Throwable t : chain) {
      out.writeUTF(t.getClass().getName());
      writeNullable(out, t.getMessage());
      StackTraceElement[] stack = t.getStackTrace();
      out.writeInt(stack.length);
      for (StackTraceElement frame : stack) {
        writeNullable(out, frame.getClassLoaderName());
        writeNullable(out, frame.getModuleName());
        writeNullable(out, frame.getModuleVersion());
        out.writeUTF(frame.getClassName());
        out.writeUTF(frame.getMethodName());
        writeNullable(out, frame.getFileName());
        out.writeInt(frame.getLineNumber());
      }
    }
  }

  private static RemoteTaskException readDescription(DataInputStream in) throws IOException {
    int count = in.readInt();
    String[] classNames = new String[count];
    String[] messages = new String[count];
    StackTraceElement[][] stacks = new StackTraceElement[count][];
    for (int i = 0; i < count; i++) {
      classNames[i] = in.readUTF();
      messages[i] = readNullable(in);
      stacks[i] = new StackTraceElement[in.readInt()];
      for (int j = 0; j < stacks[i].length; j++) {
        stacks[i][j] = new StackTraceElement(readNullable(in), readNullable(in), readNullable(in),
            in.readUTF(), in.readUTF(), readNullable(in), in.readInt());
      }
    }
    RemoteTaskException cause = null;
    for (int i = count - 1; i >= 0; i--) {
      cause = new RemoteTaskException(classNames[i], messages[i], stacks[i], cause);
    }
    return cause;
  }

  private static byte[] javaSerialize(Throwable error) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(error);
      }
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      return new byte[0]; // a field that cannot be serialized: the description will do
    }
  }

  /** Null if it cannot be rebuilt; then {@code refusal[0]} says what the filter refused, if it did. */
  private static Throwable javaDeserialize(byte[] serialized, ExceptionFilter filter,
                                           ExceptionFilter.Refusal[] refusal) {
    if (serialized.length == 0) {
      return null;
    }
    try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(serialized))) {
      in.setObjectInputFilter(info -> {
        ExceptionFilter.Refusal refused = filter.refusal(info);
        if (refused == null) {
          return ObjectInputFilter.Status.ALLOWED;
        }
        refusal[0] = refusal[0] != null ? refusal[0] : refused;
        return ObjectInputFilter.Status.REJECTED;
      });
      return (Throwable) in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      return null; // the class is not here, or changed: the description will do
    }
  }

  private static void logRefusal(String exceptionClass, ExceptionFilter.Refusal refused, ExceptionFilter filter) {
    if (LOGGED.size() < MAX_LOGGED && LOGGED.add(exceptionClass + " " + refused.what())) {
      // Looked up here, not held in a static: a worker, which only encodes, never pays for
      // starting the logging (some 20-30 ms in a cold JVM).
      System.getLogger(Loggers.POOL).log(System.Logger.Level.WARNING, "A worker's " + exceptionClass
          + " arrives as a RemoteTaskException"
          + " (class name, message and stack only): it holds " + refused.what() + ", which exceptions may"
          + " not bring into this process" + (refused.type() == null ? "" : "; if that type is yours and"
          + " safe to deserialize, allow it with PoolBuilder.allowInExceptions(\"" + refused.type() + "\")"
          + (filter.patterns().isEmpty() ? "" : " (allowed now: " + filter.patterns() + ")")));
    }
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value.length() > 16_000 ? value.substring(0, 16_000) : value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** Resolves classes through the context class loader, as application code expects. */
  private static final class ContextObjectInputStream extends ObjectInputStream {
    ContextObjectInputStream(ByteArrayInputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        return super.resolveClass(desc);
      }
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
