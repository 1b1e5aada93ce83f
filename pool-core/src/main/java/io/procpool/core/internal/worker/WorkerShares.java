package io.procpool.core.internal.worker;

import com.esotericsoftware.kryo.KryoException;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedKey;
import io.procpool.core.internal.wire.SharedValueSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared values the pool sent this worker: large values its tasks' lambdas capture, each
 * sent once and decoded once, then handed to every task that refers to it. The pool decides what
 * is kept (it sends UNSHARE to evict, and knows what this worker holds), so this holds no policy.
 * Filled by the transport's thread and read by the thread that runs a task.
 *
 * <p>Tasks that capture the same large value share one decoded copy of it, as they would share
 * what an initializer set up: a task that changes it changes it for the tasks after it here.
 */
final class WorkerShares implements SharedValueSource {
  private final Map<SharedKey, Entry> entries = new ConcurrentHashMap<>();

  void put(SharedKey key, byte[] value) {
    entries.put(key, new Entry(key, value));
  }

  void remove(SharedKey key) {
    entries.remove(key);
  }

  @Override
  public Object valueOf(SharedKey key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      throw new KryoException("a task refers to shared value " + key + ", which the pool did not send"
          + " this worker: the protocol is out of step");
    }
    return entry.value();
  }

  /** One value: its bytes until it is first needed, then the value they decode to. */
  private static final class Entry {
    private final SharedKey key;
    private byte[] bytes;
    private Object value;

    Entry(SharedKey key, byte[] bytes) {
      this.key = key;
      this.bytes = bytes;
    }

    synchronized Object value() {
      if (bytes != null) {
        value = KryoCodec.get().decodeApart(bytes, key);
        bytes = null; // the decoded value is what is kept
      }
      return value;
    }
  }
}
