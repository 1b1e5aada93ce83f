package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.TaskFunction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The items or values of one map chunk, as they travel and as the pool keeps them.
 *
 * <p>A chunk whose elements are all {@link Integer}s, all {@link Long}s or all {@link Double}s
 * travels as one tag and their fixed-width bytes, and stays those bytes after it arrives: an
 * element is read out of them (and boxed) when it is asked for. So a map of a million numbers
 * costs the pool no boxing and no per-element decoding, and what it keeps are arrays without
 * references, which any collector copies or skips cheaply, instead of a million small objects
 * whose cost depends on the collector the user's program runs. Any other chunk travels element by
 * element, as Kryo writes a list, and arrives as a {@link ObjectColumn}.
 *
 * <p>Fixed-size, as {@link java.util.Arrays#asList}: {@link #set} works, adding or removing does
 * not. Storing a value of another type in a column of numbers turns it into objects, through
 * {@link MapResultList}, which owns the columns it is made of.
 */
public abstract sealed class ValueColumn extends AbstractList<Object> implements RandomAccess
    permits ValueColumn.IntColumn, ValueColumn.LongColumn, ValueColumn.DoubleColumn, ObjectColumn {
  private static final byte OBJECTS = 0;
  private static final byte INTS = 1;
  private static final byte LONGS = 2;
  private static final byte DOUBLES = 3;

  final int size;

  ValueColumn(int size) {
    this.size = size;
  }

  @Override
  public final int size() {
    return size;
  }

  /** Stores {@code value} at {@code index} if this column can hold it; false if it cannot. */
  abstract boolean store(int index, Object value);

  /** Puts its elements {@code [from, to)}, boxed if they are numbers, at the start of {@code block}. */
  abstract void copyInto(int from, int to, Object[] block);

  /** One loop, not a call of {@link #get} per element, which costs several calls each run interpreted. */
  @Override
  public final Object[] toArray() {
    Object[] values = new Object[size];
    copyInto(0, size, values);
    return values;
  }

  /** As {@link java.util.Arrays#asList}: replaces the element; fails if this column cannot hold it. */
  @Override
  public final Object set(int index, Object value) {
    Object previous = get(index);
    if (!store(index, value)) {
      throw new ClassCastException("a column of " + getClass().getSimpleName() + " cannot hold "
          + (value == null ? "null" : value.getClass().getName()));
    }
    return previous;
  }

  /**
   * {@code function} applied to each of {@code items} in order, as a worker runs a map chunk. The
   * items are boxed a block at a time, and values that are all numbers of the first one's type go
   * straight into a column of their bytes: a chunk of 125k Integers (a map of 1M on 2 workers)
   * held all its items and all its values as objects at once, ~2.5 MB of them alive through any
   * collection of a worker's 24 MB young generation, where this holds a block and two arrays of
   * bytes. The first value of another type turns the values into objects, as before.
   */
  public static ValueColumn applyToEach(TaskFunction<Object, ?> function, List<?> items) throws Exception {
    int size = items.size();
    if (size == 0) {
      return ObjectColumn.of(new Object[0]);
    }
    Object[] block = new Object[Math.min(size, COPY)];
    ValueColumn numbers = null; // the values so far, while they are all numbers of the first one's type
    Object[] objects = null; // the values, once one is not
    for (int from = 0; from < size; from += COPY) {
      int count = Math.min(size - from, COPY);
      copy(items, from, from + count, block);
      for (int i = 0; i < count; i++) {
        int at = from + i;
        Object value = function.apply(block[i]);
        if (at == 0) {
          numbers = emptyColumn(numberTag(value), size);
        }
        if (numbers != null && numbers.store(at, value)) {
          continue;
        }
        if (objects == null) {
          objects = new Object[size];
        }
        if (numbers != null) {
          numbers.copyInto(0, at, objects);
          numbers = null;
        }
        objects[at] = value;
      }
    }
    return numbers != null ? numbers : ObjectColumn.of(objects);
  }

  /** The tag of a column of numbers of {@code value}'s type; {@link #OBJECTS} if it is not such a number. */
  private static byte numberTag(Object value) {
    Class<?> type = value == null ? null : value.getClass();
    return type == Integer.class ? INTS : type == Long.class ? LONGS : type == Double.class ? DOUBLES : OBJECTS;
  }

  /** A column of {@code size} zeros of the numbers {@code tag} names, to be stored into; null for {@link #OBJECTS}. */
  private static ValueColumn emptyColumn(byte tag, int size) {
    return switch (tag) {
      case INTS -> new IntColumn(size, new byte[Math.multiplyExact(size, Integer.BYTES)], 0);
      case LONGS -> new LongColumn(size, new byte[Math.multiplyExact(size, Long.BYTES)], 0);
      case DOUBLES -> new DoubleColumn(size, new byte[Math.multiplyExact(size, Double.BYTES)], 0);
      default -> null;
    };
  }

  /** Registers the column classes with {@code kryo}, each with the codec of {@link #write}. */
  public static void registerWith(Kryo kryo) {
    Serializer<ValueColumn> codec = new Serializer<>(false, true) {
      @Override
      public void write(Kryo kryo, Output output, ValueColumn column) {
        ValueColumn.write(kryo, output, column);
      }

      @Override
      public ValueColumn read(Kryo kryo, Input input, Class<? extends ValueColumn> type) {
        return ValueColumn.read(kryo, input);
      }
    };
    kryo.register(ObjectColumn.class, codec);
    kryo.register(IntColumn.class, codec);
    kryo.register(LongColumn.class, codec);
    kryo.register(DoubleColumn.class, codec);
  }

  /**
   * Writes {@code values} (any list, nulls included) as the column they fit. Numbers are written
   * as if all were of the first one's type, and written again as objects if one is not: one pass
   * for the usual chunk. The elements are taken a block at a time into an array, as a loop of
   * {@code get} calls costs several calls per element before the JIT compiles them.
   */
  public static void write(Kryo kryo, Output out, List<?> values) {
    if (!(values instanceof RandomAccess)) {
      values = new ArrayList<>(values);
    }
    if (values instanceof ValueColumn column && column.writeBytes(out)) {
      return;
    }
    int size = values.size();
    int start = out.position();
    if (size > 0 && out.getOutputStream() == null && writeNumbers(out, values, size)) {
      return;
    }
    out.setPosition(start);
    out.writeByte(OBJECTS);
    out.writeVarInt(size, true);
    Object[] block = new Object[Math.min(size, COPY)];
    for (int from = 0; from < size; from += COPY) {
      int to = Math.min(size, from + COPY);
      copy(values, from, to, block);
      for (int i = 0; i < to - from; i++) {
        kryo.writeClassAndObject(out, block[i]);
      }
    }
  }

  /** Writes a column of numbers as its tag, its size and its bytes as they are; false for a column of objects. */
  boolean writeBytes(Output out) {
    return false;
  }

  /** Writes the tag and size of a column of numbers, then its {@code width}-byte elements from {@code bytes}. */
  static void writeNumberBytes(Output out, byte tag, int size, byte[] bytes, int offset, int width) {
    out.writeByte(tag);
    out.writeVarInt(size, true);
    out.writeBytes(bytes, offset, size * width);
  }

  /** How many elements {@link #write} takes out of a list at a time. */
  private static final int COPY = 1024;

  /** Writes {@code values} as a column of numbers; false, half-written, if they are not all one type of number. */
  private static boolean writeNumbers(Output out, List<?> values, int size) {
    byte tag = numberTag(values.get(0));
    if (tag == OBJECTS) {
      return false;
    }
    out.writeByte(tag);
    out.writeVarInt(size, true);
    return tag == INTS ? writeInts(out, values, size) : writeLongs(out, values, size, tag == DOUBLES);
  }

  /*
   * The numbers reach their bytes through an int[] or long[] and a little-endian view of a byte
   * array: the view's bulk put is one memory copy, where a loop of byte stores (Kryo's writeInts)
   * costs ~20 bytecodes a number run interpreted. A fresh pool's first map runs this before the JIT
   * has compiled it (bench/LOG.md, "a cold map's numbers"), 1M numbers on each side. One method
   * per width, alike in shape: the loop they replaced chose the type per element.
   */

  private static boolean writeInts(Output out, List<?> values, int size) {
    Object[] block = new Object[Math.min(size, COPY)];
    int[] ints = new int[block.length];
    byte[] bytes = new byte[block.length * Integer.BYTES];
    IntBuffer view = littleEndian(bytes, 0, bytes.length).asIntBuffer();
    for (int from = 0; from < size; from += COPY) {
      int count = Math.min(size - from, COPY);
      copy(values, from, from + count, block);
      for (int i = 0; i < count; i++) {
        if (!(block[i] instanceof Integer value)) {
          return false;
        }
        ints[i] = value;
      }
      view.put(0, ints, 0, count);
      out.writeBytes(bytes, 0, count * Integer.BYTES);
    }
    return true;
  }

  private static boolean writeLongs(Output out, List<?> values, int size, boolean doubles) {
    Object[] block = new Object[Math.min(size, COPY)];
    long[] longs = new long[block.length];
    byte[] bytes = new byte[block.length * Long.BYTES];
    LongBuffer view = littleEndian(bytes, 0, bytes.length).asLongBuffer();
    for (int from = 0; from < size; from += COPY) {
      int count = Math.min(size - from, COPY);
      copy(values, from, from + count, block);
      for (int i = 0; i < count; i++) {
        Object value = block[i];
        if (doubles ? !(value instanceof Double) : !(value instanceof Long)) {
          return false;
        }
        longs[i] = doubles ? Double.doubleToRawLongBits((Double) value) : (Long) value;
      }
      view.put(0, longs, 0, count);
      out.writeBytes(bytes, 0, count * Long.BYTES);
    }
    return true;
  }

  private static ByteBuffer littleEndian(byte[] bytes, int offset, int length) {
    return ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Puts {@code values[from..to)} at the start of {@code block}. */
  private static void copy(List<?> values, int from, int to, Object[] block) {
    if (values instanceof ValueColumn column) {
      column.copyInto(from, to, block);
    } else {
      values.subList(from, to).toArray(block); // an ArrayList's, or a view of one: one arraycopy
    }
  }

  /** Reads a column {@link #write} wrote; a column of numbers keeps the input's bytes where it can. */
  public static ValueColumn read(Kryo kryo, Input in) {
    byte tag = in.readByte();
    int size = in.readVarInt(true);
    if (size < 0) {
      throw new KryoException("a column of " + size + " elements: the message is corrupt");
    }
    return switch (tag) {
      case INTS -> new IntColumn(size, bytesOf(in, size, Integer.BYTES), offsetOf(in, size, Integer.BYTES));
      case LONGS -> new LongColumn(size, bytesOf(in, size, Long.BYTES), offsetOf(in, size, Long.BYTES));
      case DOUBLES -> new DoubleColumn(size, bytesOf(in, size, Double.BYTES), offsetOf(in, size, Double.BYTES));
      case OBJECTS -> ObjectColumn.read(kryo, in, size);
      default -> throw new KryoException("unknown column tag " + tag + ": the two processes run different versions");
    };
  }

  /**
   * The array that holds the column's bytes: the input's own when it reads a whole array (a
   * message, which nothing else keeps or writes to), else a copy. {@link #offsetOf} says where.
   */
  private static byte[] bytesOf(Input in, int size, int width) {
    long length = (long) size * width;
    if (in.getInputStream() == null) {
      if (in.limit() - in.position() < length) {
        throw new KryoException("a column of " + size + " elements is cut short: " + (in.limit() - in.position())
            + " bytes left of " + length);
      }
      return in.getBuffer();
    }
    return in.readBytes(Math.toIntExact(length));
  }

  /** Where {@link #bytesOf} left the column in its array; moves the input past it. */
  private static int offsetOf(Input in, int size, int width) {
    if (in.getInputStream() != null) {
      return 0;
    }
    int offset = in.position();
    in.setPosition(offset + size * width);
    return offset;
  }

  static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | bytes[at + 3] << 24;
  }

  static long longAt(byte[] bytes, int at) {
    return (intAt(bytes, at) & 0xffffffffL) | (long) intAt(bytes, at + 4) << 32;
  }

  static void putInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) value;
    bytes[at + 1] = (byte) (value >> 8);
    bytes[at + 2] = (byte) (value >> 16);
    bytes[at + 3] = (byte) (value >> 24);
  }

  static void putLong(byte[] bytes, int at, long value) {
    putInt(bytes, at, (int) value);
    putInt(bytes, at + 4, (int) (value >>> 32));
  }

  /** Integers, 4 bytes each, little-endian, from {@code offset}. */
  static final class IntColumn extends ValueColumn {
    private final byte[] bytes;
    private final int offset;

    IntColumn(int size, byte[] bytes, int offset) {
      super(size);
      this.bytes = bytes;
      this.offset = offset;
    }

    @Override
    public Object get(int index) {
      return intAt(bytes, offset + Objects.checkIndex(index, size) * Integer.BYTES);
    }

    @Override
    void copyInto(int from, int to, Object[] block) {
      IntBuffer view = littleEndian(bytes, offset + from * Integer.BYTES, (to - from) * Integer.BYTES).asIntBuffer();
      int[] ints = new int[Math.min(to - from, COPY)];
      for (int at = 0; at < to - from; at += ints.length) {
        int count = Math.min(to - from - at, ints.length);
        view.get(at, ints, 0, count); // one memory copy, as in writeInts
        for (int i = 0; i < count; i++) {
          block[at + i] = ints[i];
        }
      }
    }

    @Override
    boolean writeBytes(Output out) {
      writeNumberBytes(out, INTS, size, bytes, offset, Integer.BYTES);
      return true;
    }

    @Override
    boolean store(int index, Object value) {
      if (!(value instanceof Integer number)) {
        return false;
      }
      putInt(bytes, offset + Objects.checkIndex(index, size) * Integer.BYTES, number);
      return true;
    }
  }

  /** Longs, 8 bytes each, little-endian, from {@code offset}. */
  static final class LongColumn extends ValueColumn {
    private final byte[] bytes;
    private final int offset;

    LongColumn(int size, byte[] bytes, int offset) {
      super(size);
      this.bytes = bytes;
      this.offset = offset;
    }

    @Override
    public Object get(int index) {
      return longAt(bytes, offset + Objects.checkIndex(index, size) * Long.BYTES);
    }

    @Override
    void copyInto(int from, int to, Object[] block) {
      LongBuffer view = littleEndian(bytes, offset + from * Long.BYTES, (to - from) * Long.BYTES).asLongBuffer();
      long[] longs = new long[Math.min(to - from, COPY)];
      for (int at = 0; at < to - from; at += longs.length) {
        int count = Math.min(to - from - at, longs.length);
        view.get(at, longs, 0, count);
        for (int i = 0; i < count; i++) {
          block[at + i] = longs[i];
        }
      }
    }

    @Override
    boolean writeBytes(Output out) {
      writeNumberBytes(out, LONGS, size, bytes, offset, Long.BYTES);
      return true;
    }

    @Override
    boolean store(int index, Object value) {
      if (!(value instanceof Long number)) {
        return false;
      }
      putLong(bytes, offset + Objects.checkIndex(index, size) * Long.BYTES, number);
      return true;
    }
  }

  /** Doubles, their raw bits 8 bytes each, little-endian, from {@code offset}. */
  static final class DoubleColumn extends ValueColumn {
    private final byte[] bytes;
    private final int offset;

    DoubleColumn(int size, byte[] bytes, int offset) {
      super(size);
      this.bytes = bytes;
      this.offset = offset;
    }

    @Override
    public Object get(int index) {
      return Double.longBitsToDouble(longAt(bytes, offset + Objects.checkIndex(index, size) * Double.BYTES));
    }

    @Override
    void copyInto(int from, int to, Object[] block) {
      DoubleBuffer view = littleEndian(bytes, offset + from * Double.BYTES, (to - from) * Double.BYTES).asDoubleBuffer();
      double[] doubles = new double[Math.min(to - from, COPY)];
      for (int at = 0; at < to - from; at += doubles.length) {
        int count = Math.min(to - from - at, doubles.length);
        view.get(at, doubles, 0, count); // the bits as they are: a NaN keeps its payload
        for (int i = 0; i < count; i++) {
          block[at + i] = doubles[i];
        }
      }
    }

    @Override
    boolean writeBytes(Output out) {
      writeNumberBytes(out, DOUBLES, size, bytes, offset, Double.BYTES);
      return true;
    }

    @Override
    boolean store(int index, Object value) {
      if (!(value instanceof Double number)) {
        return false;
      }
      putLong(bytes, offset + Objects.checkIndex(index, size) * Double.BYTES, Double.doubleToRawLongBits(number));
      return true;
    }
  }
}
