package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.core.internal.wire.UnmodifiableCollectionSerializers;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The values of a map, as the {@link ValueColumn}s its chunks arrived in, one after another.
 *
 * <p>Why not one array: G1 allocates an array of more than half a heap region (1-16 MiB) straight
 * into the old generation and, on Java 17, does not reclaim a dead one of references until a
 * concurrent cycle. Until then every young collection keeps alive, and copies, whatever such an
 * array points to: the values of every map of the last few seconds. With a single 4 MiB array per
 * map of 1M items, those copies were most of the parent's CPU and held it to 4.5-6 M items/s. A
 * chunk of numbers is kept as the bytes it arrived in (no references at all, whatever the
 * collector); any other chunk in blocks of at most {@link ObjectColumn#BLOCK} references.
 *
 * <p>A fixed-size list, as {@link java.util.Arrays#asList}: {@code set} works (so does sorting),
 * adding or removing does not. Reading is safe from any number of threads, as with an
 * {@link ArrayList} nobody writes to. It serializes, with Kryo or Java serialization, as an
 * {@link ArrayList}.
 */
public final class MapResultList<E> extends AbstractList<E> implements RandomAccess, Serializable {
  private static final long serialVersionUID = 1L;

  private final transient ValueColumn[] parts;
  /** Where each part starts: {@code starts[p]} is the index of its first element. */
  private final transient int[] starts;
  /** The size of every part but the last, which is no larger; 0 if the parts differ otherwise. */
  private final transient int partSize;
  private final transient int size;

  /** The elements of {@code parts}, in order; a part that is not a {@link ValueColumn} is copied into one. */
  MapResultList(List<? extends List<? extends E>> parts) {
    this.parts = new ValueColumn[parts.size()];
    this.starts = new int[parts.size()];
    int total = 0;
    for (int p = 0; p < this.parts.length; p++) {
      List<? extends E> part = parts.get(p);
      this.parts[p] = part instanceof ValueColumn column ? column : ObjectColumn.copyOf(part);
      starts[p] = total;
      total += part.size();
    }
    size = total;
    partSize = uniformSize(this.parts);
  }

  private static int uniformSize(ValueColumn[] parts) {
    if (parts.length == 0 || parts[0].size() == 0) {
      return 0;
    }
    int first = parts[0].size();
    for (int p = 1; p < parts.length; p++) {
      int size = parts[p].size();
      if (p < parts.length - 1 ? size != first : size > first || size == 0) {
        return 0;
      }
    }
    return first;
  }

  /** The part that holds element {@code index} (within the list). */
  private int partOf(int index) {
    if (partSize > 0) {
      return index / partSize;
    }
    int p = Arrays.binarySearch(starts, index);
    if (p < 0) {
      return -p - 2;
    }
    while (parts[p].size() == 0) {
      p++; // empty parts start where the next one does
    }
    return p;
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    Objects.checkIndex(index, size);
    int p = partOf(index);
    return (E) parts[p].get(index - starts[p]);
  }

  @Override
  @SuppressWarnings("unchecked")
  public E set(int index, E element) {
    Objects.checkIndex(index, size);
    int p = partOf(index);
    int at = index - starts[p];
    E previous = (E) parts[p].get(at);
    if (!parts[p].store(at, element)) {
      parts[p] = ObjectColumn.copyOf(parts[p]); // numbers no longer: this part holds objects from now on
      parts[p].store(at, element);
    }
    return previous;
  }

  @Override
  public int size() {
    return size;
  }

  /** Java serialization writes a plain copy. */
  private Object writeReplace() {
    return new ArrayList<>(this);
  }

  /** Kryo writes the elements and reads them back into an ArrayList. */
  public static void registerWith(Kryo kryo) {
    UnmodifiableCollectionSerializers.collection(kryo, MapResultList.class, ArrayList::new, copy -> copy);
  }
}
