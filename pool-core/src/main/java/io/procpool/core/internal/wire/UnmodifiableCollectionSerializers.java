package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Kryo rebuilds a collection by creating an empty one and adding to it, which the read-only
 * views of {@link Collections} refuse. These serializers write the contents and rebuild the
 * view around a fresh copy, so that values such as {@code Collections.unmodifiableList(list)}
 * travel like any other. Sorted views come back in natural order.
 */
public final class UnmodifiableCollectionSerializers {
  private UnmodifiableCollectionSerializers() {}

  static void registerWith(Kryo kryo) {
    collection(kryo, Collections.unmodifiableList(new ArrayList<>()), ArrayList::new, Collections::unmodifiableList);
    collection(kryo, Collections.unmodifiableList(new LinkedList<>()), LinkedList::new, Collections::unmodifiableList);
    collection(kryo, Collections.unmodifiableSet(new LinkedHashSet<>()), LinkedHashSet::new, Collections::unmodifiableSet);
    collection(kryo, Collections.unmodifiableSortedSet(new TreeSet<>()), TreeSet::new, Collections::unmodifiableSortedSet);
    collection(kryo, Collections.unmodifiableCollection(new ArrayList<>()), ArrayList::new,
        Collections::unmodifiableCollection);
    map(kryo, Collections.unmodifiableMap(new HashMap<>()), LinkedHashMap::new, Collections::unmodifiableMap);
    map(kryo, Collections.unmodifiableSortedMap(new TreeMap<>()), TreeMap::new, Collections::unmodifiableSortedMap);
  }

  private static <C extends Collection<Object>> void collection(Kryo kryo, Collection<?> sample,
      Supplier<C> copy, Function<C, Collection<?>> wrap) {
    collection(kryo, sample.getClass(), copy, wrap);
  }

  /** Writes a {@code type}'s elements; reads them into {@code copy}, handed out through {@code wrap}. */
  public static <C extends Collection<Object>> void collection(Kryo kryo, Class<?> type, Supplier<C> copy,
                                                        Function<C, Collection<?>> wrap) {
    kryo.addDefaultSerializer(type, new Serializer<Collection<?>>() {
      @Override
      public void write(Kryo kryo, Output output, Collection<?> view) {
        output.writeVarInt(view.size(), true);
        for (Object element : view) {
          kryo.writeClassAndObject(output, element);
        }
      }

      @Override
      public Collection<?> read(Kryo kryo, Input input, Class<? extends Collection<?>> type) {
        int size = input.readVarInt(true);
        C contents = copy.get();
        for (int i = 0; i < size; i++) {
          contents.add(kryo.readClassAndObject(input));
        }
        return wrap.apply(contents);
      }
    });
  }

  private static <M extends Map<Object, Object>> void map(Kryo kryo, Map<?, ?> sample,
      Supplier<M> copy, Function<M, Map<?, ?>> wrap) {
    kryo.addDefaultSerializer(sample.getClass(), new Serializer<Map<?, ?>>() {
      @Override
      public void write(Kryo kryo, Output output, Map<?, ?> view) {
        output.writeVarInt(view.size(), true);
        for (Map.Entry<?, ?> entry : view.entrySet()) {
          kryo.writeClassAndObject(output, entry.getKey());
          kryo.writeClassAndObject(output, entry.getValue());
        }
      }

      @Override
      public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
        int size = input.readVarInt(true);
        M contents = copy.get();
        for (int i = 0; i < size; i++) {
          contents.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
        }
        return wrap.apply(contents);
      }
    });
  }
}
