package io.procpool.core.internal.wire;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Proof that a value still holds what it held when it was encoded, without encoding it again: the
 * sequence of everything its encoding depends on, taken once and compared later. Only graphs made
 * of types whose encoding is a function of what the walk sees qualify: immutable leaves (strings,
 * boxed primitives, enum constants, a few immutable JDK value types), the JDK's plain collections
 * and maps of exactly those classes (a subclass could hold more), arrays, and records of such
 * values. Every object is compared by identity, except boxed primitives (by value: Kryo does not
 * track their identity) and primitive arrays (their contents, copied). A graph with anything else
 * in it has no snapshot, and is encoded again each time.
 *
 * <p>Why identity is enough: an immutable leaf that is the same object has the same content; a
 * container that is the same object, with the same size and the same elements in the same order,
 * encodes to the same bytes; and Kryo's back-references follow identity, which the walk records too.
 */
final class ContentSnapshot {
  /** Deeper graphs (or cycles) get no snapshot. */
  private static final int MAX_DEPTH = 32;

  /** Immutable, final, and encoded from their value alone. */
  private static final Set<Class<?>> LEAVES = Set.of(String.class, BigInteger.class, BigDecimal.class, UUID.class,
      LocalDate.class, LocalTime.class, LocalDateTime.class, Instant.class, Duration.class);
  /** Compared by value: Kryo writes them without references, so their identity does not show. */
  private static final Set<Class<?>> BOXED = Set.of(Integer.class, Long.class, Short.class, Byte.class,
      Character.class, Boolean.class, Double.class, Float.class);
  /** Encoded as their class, their size and their elements (or entries) in iteration order. */
  private static final Set<Class<?>> COLLECTIONS = Set.copyOf(List.of(ArrayList.class, LinkedList.class,
      ArrayDeque.class, HashSet.class, LinkedHashSet.class, List.of().getClass(), List.of(1).getClass(),
      List.of(1, 2, 3).getClass(), Set.of().getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass()));
  private static final Set<Class<?>> MAPS = Set.copyOf(List.of(HashMap.class, LinkedHashMap.class,
      Map.of().getClass(), Map.of(1, 1).getClass()));

  /** A record's accessors, made accessible as Kryo's record serializer does; null if they cannot be. */
  private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      try {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
          accessors[i] = components[i].getAccessor();
          accessors[i].setAccessible(true);
        }
        return accessors;
      } catch (RuntimeException e) {
        return null; // a record of a module closed to us
      }
    }
  };

  private final Object[] tokens;

  private ContentSnapshot(Object[] tokens) {
    this.tokens = tokens;
  }

  /** The snapshot of {@code value}, or null if its graph holds something the walk cannot vouch for. */
  static ContentSnapshot of(Object value) {
    Walk walk = new Walk(null);
    return walk.visit(value, 0) ? new ContentSnapshot(walk.recorded.toArray()) : null;
  }

  /** Whether {@code value} holds what the snapshot was taken of. */
  boolean matches(Object value) {
    try {
      Walk walk = new Walk(tokens);
      return walk.visit(value, 0) && walk.position == tokens.length;
    } catch (RuntimeException e) {
      return false; // changed under us (ConcurrentModificationException) or an accessor failed: not proven
    }
  }

  /** A token compared by {@code equals}: a boxed value, a size, a copy of a primitive array. */
  private record Value(Object value) {}

  /** One walk of a graph, in the same order every time: recording tokens, or comparing with them. */
  private static final class Walk {
    final List<Object> recorded;
    final Object[] expected;
    int position;

    Walk(Object[] expected) {
      this.expected = expected;
      this.recorded = expected == null ? new ArrayList<>() : null;
    }

    boolean visit(Object value, int depth) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      if (value == null) {
        return same(null);
      }
      Class<?> type = value.getClass();
      if (type == String.class) {
        return same(value); // the common leaf, first
      }
      if (BOXED.contains(type)) {
        return equal(value);
      }
      if (LEAVES.contains(type) || value instanceof Enum<?>) {
        return same(value);
      }
      if (!same(value)) {
        return false;
      }
      if (type.isArray()) {
        return type.getComponentType().isPrimitive() ? primitiveArray(value) : elements(Arrays.asList((Object[]) value), depth);
      }
      if (COLLECTIONS.contains(type) || (value instanceof TreeSet<?> set && set.comparator() == null && type == TreeSet.class)) {
        return elements((Collection<?>) value, depth);
      }
      if (MAPS.contains(type) || (value instanceof TreeMap<?, ?> map && map.comparator() == null && type == TreeMap.class)) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (!equal(map.size())) {
          return false;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!visit(entry.getKey(), depth + 1) || !visit(entry.getValue(), depth + 1)) {
            return false;
          }
        }
        return true;
      }
      if (type.isRecord()) {
        return components(value, depth);
      }
      return false;
    }

    private boolean elements(Collection<?> elements, int depth) {
      if (!equal(elements.size())) {
        return false;
      }
      for (Object element : elements) {
        if (!visit(element, depth + 1)) {
          return false;
        }
      }
      return true;
    }

    private boolean components(Object record, int depth) {
      Method[] accessors = ACCESSORS.get(record.getClass());
      if (accessors == null) {
        return false;
      }
      for (Method accessor : accessors) {
        Object component;
        try {
          component = accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
          return false;
        }
        if (!visit(component, depth + 1)) {
          return false;
        }
      }
      return true;
    }

    private boolean primitiveArray(Object array) {
      if (recorded != null) {
        recorded.add(new Value(copyOf(array)));
        return true;
      }
      return position < expected.length && expected[position++] instanceof Value copy
          && Objects.deepEquals(copy.value(), array);
    }

    /** Records {@code object}'s identity, or checks it is the one recorded here. */
    private boolean same(Object object) {
      if (recorded != null) {
        recorded.add(object);
        return true;
      }
      return position < expected.length && expected[position++] == object;
    }

    /** Records {@code value} to compare by equals, or checks it equals the one recorded here. */
    private boolean equal(Object value) {
      if (recorded != null) {
        recorded.add(new Value(value));
        return true;
      }
      return position < expected.length && expected[position++] instanceof Value known && known.value().equals(value);
    }
  }

  private static Object copyOf(Object array) {
    if (array instanceof byte[] a) {
      return a.clone();
    } else if (array instanceof int[] a) {
      return a.clone();
    } else if (array instanceof long[] a) {
      return a.clone();
    } else if (array instanceof double[] a) {
      return a.clone();
    } else if (array instanceof char[] a) {
      return a.clone();
    } else if (array instanceof float[] a) {
      return a.clone();
    } else if (array instanceof short[] a) {
      return a.clone();
    }
    return ((boolean[]) array).clone();
  }
}
