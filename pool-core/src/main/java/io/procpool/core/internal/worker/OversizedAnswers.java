package io.procpool.core.internal.worker;

import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import java.util.function.IntToLongFunction;

/**
 * What a worker sends instead of an answer too large for its connection's frame limit: the pool's
 * side would end the connection over such a frame, and the worker with it. A result too large
 * fails its task, naming its size and the limit (a chunk whose items answer one by one first
 * leaves out the items that do not fit, which then fail alone); an exception too large is
 * replaced by a short one that names it. Either way the worker goes on to its next task.
 */
final class OversizedAnswers {
  private OversizedAnswers() {}

  /**
   * The task's value, encoded for its RESULT.
   *
   * @throws TaskSerializationException if it cannot be serialized, or does not fit the limit
   */
  static byte[] encodeResult(FrameLimit limit, long id, Invocation invocation, Object value) {
    byte[] payload = KryoCodec.get().encode(value, "the task's result");
    long bytes = Wire.outcomeBytes(id, payload.length);
    if (limit.admits(bytes)) {
      return payload;
    }
    Object fitted = invocation.fitted(value, limit.bytes() - (bytes - payload.length), limit);
    if (fitted != null) {
      byte[] smaller = KryoCodec.get().encode(fitted, "the task's result");
      if (limit.admits(Wire.outcomeBytes(id, smaller.length))) {
        return smaller;
      }
    }
    int items = itemsOf(invocation);
    throw items > 1
        ? limit.refusal("the results of a map chunk of " + items + " items are", bytes,
            "the worker did not send them; a smaller chunksize may fit")
        : limit.refusal("the task's result is", bytes, "the worker did not send it");
  }

  /**
   * An encoded exception, or if its message ({@code messageBytes} of a payload's length) would
   * not fit the limit, a short one in its place that names it, its size and the limit.
   */
  static byte[] fitFailure(FrameLimit limit, byte[] encoded, IntToLongFunction messageBytes) {
    long bytes = messageBytes.applyAsLong(encoded.length);
    if (limit.admits(bytes)) {
      return encoded;
    }
    String instead = "the worker sent this instead";
    byte[] naming = ThrowableCodec.encode(
        limit.refusal("the task's exception (" + FrameLimit.summary(encoded) + ") is", bytes, instead));
    if (limit.admits(messageBytes.applyAsLong(naming.length))) {
      return naming;
    }
    // Without the quote it takes about 750 bytes: within any limit the SPI supports (1024 or more).
    return ThrowableCodec.encode(limit.refusal("the task's exception is", bytes, instead));
  }

  private static int itemsOf(Invocation invocation) {
    if (invocation instanceof MapChunk chunk) {
      return chunk.items().size();
    }
    return invocation instanceof EachItem chunk ? chunk.items().size() : 1;
  }
}
