package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;

/**
 * What travels in a task in place of a large captured value: the key of a {@link SharedValue} the
 * worker was sent before the task. Read back, {@link LambdaSerializer} puts the worker's decoded
 * copy of the value in its place.
 */
record SharedRef(SharedKey key) {

  static void registerWith(Kryo kryo) {
    RecordSerializers.register(kryo, SharedRef.class, (k, out, ref) -> out.writeBytes(ref.key().digest()),
        (k, in) -> new SharedRef(SharedKey.fromDigest(in.readBytes(SharedKey.BYTES))));
  }
}
