package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.TaskFunction;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.RecordSerializers;
import io.procpool.core.internal.wire.ThrowableCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A chunk whose items succeed or fail one by one (for imap and mapOutcomes), where a
 * {@link Invocations.MapChunk} fails as a whole. The function and each item travel as bytes
 * of their own, and each item's value or exception comes back as bytes of its own, so an item
 * that cannot be deserialized, fails, or returns a value that cannot be serialized fails alone;
 * so does one whose value is too large for the worker's frame limit (see {@link #fitted}).
 *
 * @param function the encoded {@code TaskFunction}
 * @param items the encoded items
 */
public record EachItem(byte[] function, List<byte[]> items) implements Invocation {

  /** One item's answer: its encoded value, or its exception encoded by {@link ThrowableCodec}. */
  public record ItemResult(boolean success, byte[] payload) {}

  /**
   * A chunk of one item (imap's default chunk size). Its task's outcome is the item's, so the
   * item travels inside the task and its value or exception comes back as any task's does,
   * without the bytes of its own and the list of answers that a longer chunk needs.
   */
  public record SingleItem(byte[] function, Object item) implements Invocation {
    @Override
    @SuppressWarnings("unchecked")
    public Object invoke() throws Exception {
      TaskFunction<Object, ?> decoded = (TaskFunction<Object, ?>) KryoCodec.get().decodeFunction(function, "the map's function");
      return decoded.apply(item);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object invoke() {
    // A function that cannot be rebuilt fails the whole chunk, and so each of its items.
    TaskFunction<Object, ?> decoded = (TaskFunction<Object, ?>) KryoCodec.get().decodeFunction(function, "the map's function");
    List<ItemResult> results = new ArrayList<>(items.size());
    for (byte[] item : items) {
      results.add(apply(decoded, item));
    }
    return results;
  }

  /**
   * Leaves out answers, largest first (of equal ones the last, so that the first items come back),
   * until the rest take at most {@code maxBytes}: each one left out fails alone, naming its size
   * and the limit, and its chunk-mates come back. An answer no larger than the failure that would
   * stand in for it stays, so the list may still be too large; then the chunk fails as a whole.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Object fitted(Object value, long maxBytes, FrameLimit limit) {
    List<ItemResult> answers = new ArrayList<>((List<ItemResult>) value);
    long all = KryoCodec.get().encode(answers, "the task's result").length;
    long total = all;
    Integer[] largestFirst = new Integer[answers.size()];
    Arrays.setAll(largestFirst, i -> i);
    Arrays.sort(largestFirst, Comparator.<Integer>comparingInt(i -> answers.get(i).payload().length)
        .thenComparingInt(i -> i).reversed());
    for (int i : largestFirst) {
      if (total <= maxBytes) {
        break;
      }
      ItemResult answer = answers.get(i);
      ItemResult instead = new ItemResult(false, ThrowableCodec.encode(leftOut(answer, all, maxBytes, limit)));
      if (instead.payload().length >= answer.payload().length) {
        break; // every answer left is as small: leaving them out would only add bytes
      }
      answers.set(i, instead);
      total -= answer.payload().length - instead.payload().length; // an upper bound: lengths' varints shrink too
    }
    return answers;
  }

  /** Why an item's answer was left out: too large by itself, or too large beside its chunk-mates'. */
  private static RuntimeException leftOut(ItemResult answer, long chunkBytes, long maxBytes, FrameLimit limit) {
    int bytes = answer.payload().length;
    if (bytes > maxBytes) {
      String subject = answer.success() ? "a map item's result is"
          : "a map item's exception (" + FrameLimit.summary(answer.payload()) + ") is";
      return limit.refusal(subject, bytes, "the worker did not send it; the other items of its chunk came back");
    }
    return limit.refusal("the answers of a map chunk are", chunkBytes, "this item's answer, "
        + FrameLimit.count(bytes) + ", was left out so that the others fit; a smaller chunksize may fit them all");
  }

  private static ItemResult apply(TaskFunction<Object, ?> function, byte[] item) {
    try {
      Object argument = KryoCodec.get().decode(item, "a map item");
      return new ItemResult(true, KryoCodec.get().encode(function.apply(argument), "the task's result"));
    } catch (Throwable e) { // as TaskRunner does for a whole task: whatever the item threw is its outcome
      return new ItemResult(false, ThrowableCodec.encode(e));
    }
  }

  public static void registerWith(Kryo kryo) {
    RecordSerializers.register(kryo, EachItem.class, (k, out, chunk) -> {
      RecordSerializers.writeBytes(out, chunk.function());
      out.writeVarInt(chunk.items().size(), true);
      chunk.items().forEach(item -> RecordSerializers.writeBytes(out, item));
    }, (k, in) -> {
      byte[] function = RecordSerializers.readBytes(in);
      int size = in.readVarInt(true);
      List<byte[]> items = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        items.add(RecordSerializers.readBytes(in));
      }
      return new EachItem(function, items);
    });
    RecordSerializers.register(kryo, ItemResult.class, (k, out, result) -> {
      out.writeBoolean(result.success());
      RecordSerializers.writeBytes(out, result.payload());
    }, (k, in) -> new ItemResult(in.readBoolean(), RecordSerializers.readBytes(in)));
    RecordSerializers.register(kryo, SingleItem.class, (k, out, single) -> {
      RecordSerializers.writeBytes(out, single.function());
      k.writeClassAndObject(out, single.item());
    }, (k, in) -> new SingleItem(RecordSerializers.readBytes(in), k.readClassAndObject(in)));
  }
}
