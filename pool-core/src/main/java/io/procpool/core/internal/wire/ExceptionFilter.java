package io.procpool.core.internal.wire;

import java.io.ObjectInputFilter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * What a worker's exception may bring into this process when it is rebuilt from Java
 * serialization: the types an exception is made of, and no others, so that a worker's bytes cannot
 * make this process instantiate (and run the {@code readObject} of) an arbitrary class on its class
 * path. Allowed: every {@link Throwable}, {@link StackTraceElement}, strings, the boxed primitives,
 * {@link BigInteger} and {@link BigDecimal}, enums, {@code UUID}s, {@code java.time} values, the
 * {@code java.util} lists, sets and maps that exceptions hold (suppressed exceptions, an SQL
 * exception's properties), arrays of those and of primitives; beyond that, the classes the user's
 * patterns allow. Also bounded: nesting depth, array length, references and bytes. What is refused
 * makes the exception arrive as a {@link io.procpool.RemoteTaskException}.
 */
public final class ExceptionFilter {
  static final long MAX_DEPTH = 200;
  static final long MAX_ARRAY_LENGTH = 100_000;
  static final long MAX_REFERENCES = 1_000_000;
  static final long MAX_BYTES = 16L << 20;

  /** Only the built-in allow-list. */
  public static final ExceptionFilter DEFAULT = new ExceptionFilter(List.of(), null);

  private static final Set<Class<?>> VALUES = Set.of(Object.class, String.class, Boolean.class,
      Character.class, Number.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
      Double.class, BigInteger.class, BigDecimal.class, StackTraceElement.class, Enum.class,
      java.util.UUID.class);
  /** By name, as most of them are private classes. */
  private static final Set<String> VALUE_NAMES = Set.of("java.time.Ser", "java.util.CollSer",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
      "java.util.LinkedHashSet", "java.util.TreeSet",
      "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
      "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
      "java.util.Collections$UnmodifiableMap", "java.util.Collections$EmptyList",
      "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
      "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
      "java.util.Collections$SingletonMap");

  private final List<String> patterns;
  private final ObjectInputFilter userPatterns;

  private ExceptionFilter(List<String> patterns, ObjectInputFilter userPatterns) {
    this.patterns = patterns;
    this.userPatterns = userPatterns;
  }

  /**
   * The allow-list and, beyond it, the classes {@code patterns} match, in
   * {@link ObjectInputFilter.Config#createFilter} syntax: {@code com.example.Money},
   * {@code com.example.*} (a package), {@code com.example.**} (and its subpackages).
   *
   * @throws IllegalArgumentException naming a pattern that is not a class name pattern
   */
  public static ExceptionFilter allowing(List<String> patterns) {
    if (patterns.isEmpty()) {
      return DEFAULT;
    }
    for (String pattern : patterns) {
      if (pattern == null || pattern.isBlank() || pattern.contains(";") || pattern.contains("=")
          || pattern.startsWith("!") || pattern.contains("/")) {
        throw notAPattern(pattern, null);
      }
    }
    try {
      return new ExceptionFilter(List.copyOf(patterns),
          ObjectInputFilter.Config.createFilter(String.join(";", patterns)));
    } catch (IllegalArgumentException e) {
      throw notAPattern(String.join(", ", patterns), e);
    }
  }

  private static IllegalArgumentException notAPattern(String pattern, Throwable cause) {
    return new IllegalArgumentException("allowInExceptions takes class name patterns such as"
        + " com.example.Money, com.example.* (a package) or com.example.** (and its subpackages);"
        + " was: " + (pattern == null ? "null" : "\"" + pattern + "\""), cause);
  }

  /** The user's patterns, for messages. */
  List<String> patterns() {
    return patterns;
  }

  /** What was refused: {@code what} it holds, as a phrase; the {@code type}, if a type was refused. */
  record Refusal(String what, String type) {}

  /**
   * Why this stream position is refused, or null if it is allowed. The JVM-wide filter
   * ({@code jdk.serialFilter}), if one is set, may refuse more.
   */
  Refusal refusal(ObjectInputFilter.FilterInfo info) {
    if (info.depth() > MAX_DEPTH) {
      return new Refusal("objects nested deeper than " + MAX_DEPTH, null);
    }
    if (info.arrayLength() > MAX_ARRAY_LENGTH) {
      return new Refusal("an array of " + info.arrayLength() + " elements, more than " + MAX_ARRAY_LENGTH, null);
    }
    if (info.references() > MAX_REFERENCES) {
      return new Refusal("more than " + MAX_REFERENCES + " objects", null);
    }
    if (info.streamBytes() > MAX_BYTES) {
      return new Refusal("more than " + MAX_BYTES + " bytes", null);
    }
    Class<?> type = info.serialClass();
    ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
    if (jvmWide != null && jvmWide.checkInput(info) == ObjectInputFilter.Status.REJECTED) {
      return new Refusal("what this JVM's jdk.serialFilter refuses", null);
    }
    if (type == null || allowed(type)
        || userPatterns != null && userPatterns.checkInput(info) == ObjectInputFilter.Status.ALLOWED) {
      return null;
    }
    String name = elementType(type).getName();
    return new Refusal("a value of type " + name, name);
  }

  private static Class<?> elementType(Class<?> type) {
    return type.isArray() ? elementType(type.getComponentType()) : type;
  }

  private static boolean allowed(Class<?> arrayOrType) {
    Class<?> type = elementType(arrayOrType);
    return type.isPrimitive() || Throwable.class.isAssignableFrom(type) || Enum.class.isAssignableFrom(type)
        || VALUES.contains(type) || VALUE_NAMES.contains(type.getName())
        // what java.time.Ser and java.util.CollSer resolve to, which the stream checks again
        || type.getPackageName().equals("java.time") || type.getName().startsWith("java.util.ImmutableCollections$");
  }
}
