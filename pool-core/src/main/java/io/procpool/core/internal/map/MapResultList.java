package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.core.internal.wire.UnmodifiableCollectionSerializers;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The values of a map, in blocks of at most {@link #BLOCK} references instead of one array.
 *
 * <p>Why: G1 allocates an array of more than half a heap region (1-16 MiB) straight into the old
 * generation and, on Java 17, does not reclaim a dead one of references until a concurrent cycle.
 * Until then every young collection keeps alive, and copies, whatever such an array points to: the
 * values of every map of the last few seconds. With a single 4 MiB array per map of 1M items,
 * those copies were most of the parent's CPU and held it to 4.5-6 M items/s; in blocks of 256 KiB
 * it ran at 8.4-10 M items/s.
 *
 * <p>A fixed-size list, as {@link java.util.Arrays#asList}: {@code set} works (so does sorting),
 * adding or removing does not. It serializes, with Kryo or Java serialization, as an
 * {@link ArrayList}.
 */
public final class MapResultList<E> extends AbstractList<E> implements RandomAccess, Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SHIFT = 16;
  static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  private final transient Object[][] blocks;
  private final transient int size;

  /** The elements of {@code parts}, in order. */
  MapResultList(List<? extends List<? extends E>> parts) {
    int total = 0;
    for (List<? extends E> part : parts) {
      total += part.size();
    }
    size = total;
    blocks = new Object[(total + MASK) >>> SHIFT][];
    for (int b = 0; b < blocks.length; b++) {
      blocks[b] = new Object[Math.min(BLOCK, total - (b << SHIFT))];
    }
    int index = 0;
    for (List<? extends E> part : parts) {
      for (E element : part) {
        blocks[index >>> SHIFT][index & MASK] = element;
        index++;
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    Objects.checkIndex(index, size);
    return (E) blocks[index >>> SHIFT][index & MASK];
  }

  @Override
  @SuppressWarnings("unchecked")
  public E set(int index, E element) {
    Objects.checkIndex(index, size);
    Object[] block = blocks[index >>> SHIFT];
    E previous = (E) block[index & MASK];
    block[index & MASK] = element;
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
