package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ValueColumn} of any objects, in blocks of at most {@link #BLOCK} references rather than
 * one array: G1 allocates an array of more than half a heap region (1-16 MiB) straight into the old
 * generation and, on Java 17, reclaims a dead one of references only in a concurrent cycle; until
 * then every young collection copies whatever it points to. See {@link MapResultList}.
 */
public final class ObjectColumn extends ValueColumn {
  private static final int SHIFT = 16;
  static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  private final Object[][] blocks;
  /** Element i is {@code blocks[i >>> shift][i & mask]}. */
  private final int shift;
  private final int mask;

  private ObjectColumn(int size) {
    super(size);
    shift = SHIFT;
    mask = MASK;
    blocks = new Object[(size + MASK) >>> SHIFT][];
    for (int b = 0; b < blocks.length; b++) {
      blocks[b] = new Object[Math.min(BLOCK, size - (b << SHIFT))];
    }
  }

  private ObjectColumn(Object[] values) {
    super(values.length);
    shift = 31;
    mask = -1;
    blocks = new Object[][] {values};
  }

  /**
   * The elements of {@code values}, which it keeps: a worker's map values, to be sent (and let go
   * with the answer, so no reason to cut them into blocks).
   */
  public static ObjectColumn of(Object[] values) {
    return new ObjectColumn(values);
  }

  @Override
  void copyInto(int from, int to, Object[] block) {
    int at = 0;
    while (from < to) {
      Object[] source = blocks[from >>> shift];
      int within = from & mask;
      int count = Math.min(to - from, source.length - within);
      System.arraycopy(source, within, block, at, count);
      at += count;
      from += count;
    }
  }

  /** A copy of {@code values}, as objects. */
  static ObjectColumn copyOf(List<?> values) {
    ObjectColumn column = new ObjectColumn(values.size());
    int from = 0;
    for (Object[] block : column.blocks) {
      values.subList(from, from + block.length).toArray(block);
      from += block.length;
    }
    return column;
  }

  static ObjectColumn read(Kryo kryo, Input in, int size) {
    ObjectColumn column = new ObjectColumn(size);
    for (Object[] block : column.blocks) {
      for (int i = 0; i < block.length; i++) {
        block[i] = kryo.readClassAndObject(in);
      }
    }
    return column;
  }

  @Override
  public Object get(int index) {
    Objects.checkIndex(index, size);
    return blocks[index >>> shift][index & mask];
  }

  @Override
  boolean store(int index, Object value) {
    Objects.checkIndex(index, size);
    blocks[index >>> shift][index & mask] = value;
    return true;
  }
}
