package io.procpool.core.internal.wire;

import io.procpool.core.internal.map.ValueColumn;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a value could not be serialized, in the user's terms: which value it was (for a
 * lambda, which captured value, and where the lambda was declared), its type, and what to do.
 * Kryo's own message for a JDK object names the JDK field it could not open and an internal type
 * of ours; following it with {@code --add-opens} only moves the failure, as a thread, a stream or
 * a socket belongs to this process and cannot travel to another.
 */
final class SerializationFailure {
  /** Types whose instances stand for something of this process: a thread, an open file, a connection. */
  private static final List<Class<?>> OF_THIS_PROCESS = List.of(Thread.class, ThreadGroup.class,
      ThreadLocal.class, ClassLoader.class, Process.class, ProcessHandle.class, Executor.class,
      AutoCloseable.class);
  /** The class of the field in "Unable to make field private int java.net.Socket.x accessible". */
  private static final Pattern CLOSED_FIELD = Pattern.compile("Unable to make field .* ([\\w.$]+)\\.[\\w$]+ accessible");
  /** The class of the constructor or method in "Unable to make private java.io.Foo(int) accessible". */
  private static final Pattern CLOSED_MEMBER = Pattern.compile("Unable to make .*?([\\w.$]+)\\([^)]*\\) accessible");

  /** javac's name for a lambda's body: lambda$enclosingMethod$n, or lambda$enclosingMethod$hash$n when serializable. */
  private static final Pattern LAMBDA_METHOD = Pattern.compile("lambda\\$(.+?)\\$(?:[0-9a-f]+\\$)?\\d+");

  private SerializationFailure() {}

  /**
   * The message for {@code what} (such as "the task's argument"), whose value is {@code value},
   * which failed to serialize with {@code failure}; {@code encodes} says whether a part of it
   * serializes on its own.
   */
  static String message(String what, Object value, Throwable failure, Predicate<Object> encodes) {
    StringBuilder message = new StringBuilder("Cannot serialize ").append(what).append(": ");
    Object last = describePath(message, userValue(value), encodes);
    Class<?> closed = closedJdkType(failure);
    Class<?> culprit = closed != null ? closed : last == null ? null : last.getClass();
    if (culprit != null && last != null && !culprit.isInstance(last)) {
      message.append(", which holds ").append(article(publicName(culprit)));
    }
    if (culprit != null && OF_THIS_PROCESS.stream().anyMatch(type -> type.isAssignableFrom(culprit))) {
      return message.append(", which belongs to this process and cannot travel to another. ")
          .append(advice(what, culprit)).toString();
    }
    if (closed != null) {
      return message.append(", a JDK type whose fields are closed to serialization. Send the values it is"
          + " made of instead, or create it in the task.").toString();
    }
    return message.append(", which cannot be serialized: ").append(rootMessage(failure)).toString();
  }

  /**
   * Appends "it is a T", or "the lambda declared in …" and, down through the lambdas, "captures …"
   * of each captured value that fails on its own; returns the last value named.
   */
  private static Object describePath(StringBuilder message, Object value, Predicate<Object> encodes) {
    if (value instanceof ValueColumn values) {
      return describeMapValues(message, values, encodes);
    }
    SerializedLambda lambda = LambdaSerializer.serializedFormOf(value);
    message.append(lambda != null ? declaration(lambda) : "it is " + nameOf(value));
    Object current = value;
    for (String captures = " captures "; lambda != null; captures = ", which captures ") {
      Object captured = failingCapture(lambda, encodes);
      if (captured == null) {
        break;
      }
      current = captured;
      lambda = LambdaSerializer.serializedFormOf(current);
      message.append(captures).append(lambda != null ? declaration(lambda) : nameOf(current));
    }
    return current;
  }

  /** "it is a map's values, among them a T": the first value that fails alone, not our column's type; returns it. */
  private static Object describeMapValues(StringBuilder message, ValueColumn values, Predicate<Object> encodes) {
    message.append("it is a map's values");
    for (Object value : values) {
      if (!encodes.test(value)) {
        message.append(", among them ").append(nameOf(value));
        return value;
      }
    }
    return values;
  }

  private static String nameOf(Object value) {
    return value == null ? "null" : article(publicName(value.getClass()));
  }

  /** The user's lambda inside our wrapper, which is no business of the user's. */
  private static Object userValue(Object value) {
    if (value instanceof Invocations.Call call) {
      return call.task();
    }
    return value instanceof Invocations.Run run ? run.task() : value;
  }

  /** The first captured value that does not serialize on its own, or null. */
  private static Object failingCapture(SerializedLambda lambda, Predicate<Object> encodes) {
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
      Object captured = lambda.getCapturedArg(i);
      if (!encodes.test(captured)) {
        return captured;
      }
    }
    return null;
  }

  private static String advice(String what, Class<?> culprit) {
    if (what.contains("result")) {
      return "Return the values you need from it instead.";
    }
    if (what.contains("initializer")) {
      return "Create it in the initializer instead.";
    }
    if (ThreadLocal.class.isAssignableFrom(culprit)) {
      return "Read it in the task instead, from a static field: () -> FIELD.get() captures nothing, where"
          + " FIELD::get captures the ThreadLocal; set it per worker in the pool's initializer.";
    }
    return "Create it in the task instead, or once per worker in the pool's initializer.";
  }

  /** "the lambda declared in com.example.Jobs.main", "the method reference java.lang.ThreadLocal::get declared in …". */
  static String declaration(SerializedLambda lambda) {
    String capturing = lambda.getCapturingClass().replace('/', '.');
    String method = lambda.getImplMethodName();
    Matcher lambdaMethod = LAMBDA_METHOD.matcher(method);
    if (lambdaMethod.matches()) {
      String enclosing = lambdaMethod.group(1);
      return "the lambda declared in " + capturing + (enclosing.equals("static") ? " (a static initializer)"
          : enclosing.equals("new") ? " (a constructor)" : "." + enclosing);
    }
    String target = lambda.getImplClass().replace('/', '.') + "::" + (method.equals("<init>") ? "new" : method);
    return "the method reference " + target + " declared in " + capturing;
  }

  /** The JDK class whose field or constructor Kryo could not open, if that is why it failed. */
  private static Class<?> closedJdkType(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InaccessibleObjectException && t.getMessage() != null) {
        for (Pattern pattern : List.of(CLOSED_FIELD, CLOSED_MEMBER)) {
          Matcher matcher = pattern.matcher(t.getMessage());
          if (matcher.find()) {
            try {
              return Class.forName(matcher.group(1), false, null);
            } catch (ClassNotFoundException | LinkageError e) {
              return null;
            }
          }
        }
      }
    }
    return null;
  }

  /** A JDK class by its nearest public supertype (ThreadLocal, not ThreadLocal$SuppliedThreadLocal). */
  private static String publicName(Class<?> type) {
    Class<?> named = type;
    while (named.getName().startsWith("java.") && !Modifier.isPublic(named.getModifiers())
        && named.getSuperclass() != null) {
      named = named.getSuperclass();
    }
    return named.getName();
  }

  private static String article(String typeName) {
    return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}
