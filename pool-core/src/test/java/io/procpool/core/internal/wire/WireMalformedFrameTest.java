package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Frames that lie about themselves: a length over what the frame holds, a negative one, a frame
 * that ends inside a message. Each is a {@link WireProtocolException}, found before anything is
 * allocated for the lie: never an {@code OutOfMemoryError} or one of Kryo's own exceptions.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WireMalformedFrameTest {
  private static final String WORKER = "PoolWorker-2";

  private static byte[] frame(Consumer<Output> messages) {
    Output out = new Output(64, -1);
    messages.accept(out);
    return out.toBytes();
  }

  /** What a reader passed on before it gave up, as text. */
  private static final class Calls implements Wire.FromPool, Wire.FromWorker {
    final List<String> calls = new ArrayList<>();

    @Override
    public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {
      calls.add("task " + id);
    }

    @Override
    public void initializer(byte[] initializer) {
      calls.add("init");
    }

    @Override
    public void cancel(long id) {
      calls.add("cancel " + id);
    }

    @Override
    public void share(SharedKey key, byte[] value) {
      calls.add("share " + key + " " + value.length);
    }

    @Override
    public void unshare(SharedKey key) {
      calls.add("unshare " + key);
    }

    @Override
    public void hello(long pid, String name, boolean runsTasksHere) {
      calls.add("hello " + name);
    }

    @Override
    public void outcome(byte kind, long id, long nanos, byte[] payload) {
      calls.add("outcome " + id);
    }

    @Override
    public void output(byte stream, byte[] text) {
      calls.add("output");
    }

    @Override
    public void initializerFailed(byte[] exception) {
      calls.add("initFailed");
    }

    @Override
    public void retiring() {
      calls.add("retiring");
    }

    @Override
    public void cancelled(long id, boolean skipped) {
      calls.add("cancelled");
    }
  }

  private static WireProtocolException refusedFromWorker(byte[] frame) {
    return assertThrows(WireProtocolException.class, () -> Wire.readFromWorker(frame, new Input(), WORKER, new Calls()));
  }

  private static WireProtocolException refusedFromPool(byte[] frame) {
    return assertThrows(WireProtocolException.class, () -> Wire.readFromPool(frame, new Input(), new Calls()));
  }

  @Test
  void resultAnnouncingMoreBytesThanItsFrameHoldsIsRefusedBeforeAllocating() {
    byte[] frame = frame(out -> {
      out.writeByte(Wire.RESULT);
      out.writeVarLong(1, true);
      out.writeVarLong(0, true);
      out.writeVarInt(Integer.MAX_VALUE, true); // and no bytes behind it
    });
    WireProtocolException refused = refusedFromWorker(frame);
    assertEquals("worker PoolWorker-2 sent a malformed frame: it announces " + Integer.MAX_VALUE
        + " bytes where 0 remain: the protocol is out of step", refused.getMessage());
  }

  @Test
  void taskAnnouncingAHugeInvocationIsRefusedBeforeAllocating() {
    byte[] frame = frame(out -> {
      out.writeByte(Wire.TASK);
      out.writeVarLong(7, true);
      out.writeVarInt(1 << 30, true);
      out.writeBytes(new byte[] {1, 2, 3});
    });
    WireProtocolException refused = refusedFromPool(frame);
    assertEquals("the pool sent a malformed frame: it announces 1073741824 bytes where 3 remain:"
        + " the protocol is out of step", refused.getMessage());
  }

  @Test
  void negativeLengthIsRefused() {
    byte[] frame = frame(out -> {
      out.writeByte(Wire.INIT_FAILED);
      out.writeVarInt(-1, true); // five bytes that read back as -1
    });
    WireProtocolException refused = refusedFromWorker(frame);
    assertTrue(refused.getMessage().contains("announces -1 bytes"), refused.getMessage());
  }

  @Test
  void helloWithANameLongerThanItsFrameIsRefusedBeforeAllocating() {
    byte[] frame = frame(out -> {
      out.writeByte(Wire.HELLO);
      out.writeVarInt(Wire.VERSION, true);
      out.writeVarLong(4242, true);
      out.writeVarIntFlag(true, Integer.MAX_VALUE, true); // a UTF-8 name of 2^31 - 2 characters
      out.writeBytes(new byte[] {'P', 'W'});
    });
    WireProtocolException refused = refusedFromWorker(frame);
    assertTrue(refused.getMessage().startsWith("worker PoolWorker-2 sent a malformed frame: it announces a text of "
        + (Integer.MAX_VALUE - 1) + " characters where 2 bytes remain"), refused.getMessage());
  }

  /** Found by {@link WireFuzzTest}: a count that reads back negative reached {@code new String} as one. */
  @Test
  void helloWithANegativeNameLengthIsRefused() {
    byte[] frame = frame(out -> {
      out.writeByte(Wire.HELLO);
      out.writeVarInt(Wire.VERSION, true);
      out.writeVarLong(4242, true);
      out.writeVarIntFlag(true, -1, true);
      out.writeBytes(new byte[] {'P', 'W'});
    });
    WireProtocolException refused = refusedFromWorker(frame);
    assertTrue(refused.getMessage().contains("announces a text of -2 characters"), refused.getMessage());
  }

  @Test
  void frameEndingInsideAMessageIsRefusedAfterTheMessagesBeforeIt() {
    byte[] frame = frame(out -> {
      Wire.writeOutcome(out, Wire.RESULT, 1, 5, new byte[] {1});
      out.writeByte(Wire.FAILURE);
      out.writeVarLong(2, true); // and nothing more: no nanos, no length
    });
    Calls calls = new Calls();
    WireProtocolException refused = assertThrows(WireProtocolException.class,
        () -> Wire.readFromWorker(frame, new Input(), WORKER, calls));
    assertEquals("worker PoolWorker-2 sent a malformed frame: it ends inside a message: the protocol is out of step",
        refused.getMessage());
    assertEquals(List.of("outcome 1"), calls.calls);
  }

  @Test
  void everyTruncationOfAPoolFrameIsReadUpToItsLastWholeMessageOrRefused() {
    byte[] whole = frame(out -> {
      Wire.writeInit(out, new byte[] {7, 7});
      Wire.writeTask(out, 300, new byte[] {1, 2, 3}, false);
      Wire.writeCancel(out, 300);
    });
    for (int length = 1; length < whole.length; length++) {
      byte[] cut = java.util.Arrays.copyOf(whole, length);
      try {
        Wire.readFromPool(cut, new Input(), new Calls());
      } catch (WireProtocolException expected) {
        // a cut inside a message
      }
    }
  }
}
