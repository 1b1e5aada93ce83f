package io.procpool.core.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WireTest {
  /** Wire's {@code static final byte} constants that are not message kinds: OUTPUT's streams. */
  private static final Set<String> NOT_MESSAGE_KINDS = Set.of("STDOUT", "STDERR");

  private static final byte[] INVOCATION = {1, 2, 3};
  private static final byte[] EXCEPTION = {9, 8};
  private static final String POOL_WORKER_2 = "PoolWorker-2";

  /** Every call a reader makes, as text, and the kinds they stand for. */
  private static final class Recorder implements Wire.FromPool, Wire.FromWorker {
    final List<String> calls = new ArrayList<>();
    final Set<Byte> kinds = new TreeSet<>();

    private void record(byte kind, String call) {
      kinds.add(kind);
      calls.add(call);
    }

    @Override
    public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {
      record(here ? Wire.TASK_HERE : Wire.TASK, (here ? "taskHere " : "task ") + id + " "
          + Arrays.toString(invocation) + (lastInFrame ? " last" : ""));
    }

    @Override
    public void initializer(byte[] initializer) {
      record(Wire.INIT, "init " + Arrays.toString(initializer));
    }

    @Override
    public void cancel(long id) {
      record(Wire.CANCEL, "cancel " + id);
    }

    @Override
    public void share(SharedKey key, byte[] value) {
      record(Wire.SHARE, "share " + key + " " + value.length);
    }

    @Override
    public void unshare(SharedKey key) {
      record(Wire.UNSHARE, "unshare " + key);
    }

    @Override
    public void hello(long pid, String name, boolean runsTasksHere) {
      record(Wire.HELLO, "hello " + pid + " " + name + " " + runsTasksHere);
    }

    @Override
    public void outcome(byte kind, long id, long nanos, byte[] payload) {
      record(kind, "outcome " + kind + " " + id + " " + nanos + " " + Arrays.toString(payload));
    }

    @Override
    public void output(byte stream, byte[] text) {
      record(Wire.OUTPUT, "output " + stream + " " + new String(text, UTF_8));
    }

    @Override
    public void initializerFailed(byte[] exception) {
      record(Wire.INIT_FAILED, "initFailed " + Arrays.toString(exception));
    }

    @Override
    public void retiring() {
      record(Wire.RETIRING, "retiring");
    }

    @Override
    public void cancelled(long id, boolean skipped) {
      record(Wire.CANCELLED, "cancelled " + id + " " + skipped);
    }
  }

  private static byte[] frame(Consumer<Output> messages) {
    Output out = new Output(64, -1);
    messages.accept(out);
    return out.toBytes();
  }

  private static byte[] everyPoolMessage() {
    return frame(out -> {
      Wire.writeInit(out, new byte[] {7});
      Wire.writeTask(out, 1, INVOCATION, false);
      Wire.writeCancel(out, 1);
      Wire.writeTask(out, Long.MAX_VALUE, new byte[0], false);
      Wire.writeShare(out, SHARED);
      Wire.writeUnshare(out, SHARED.key());
      Wire.writeTask(out, 2, INVOCATION, true);
    });
  }

  private static final SharedValue SHARED = SharedValue.of(new byte[] {4, 5, 6, 7});

  private static byte[] everyWorkerMessage() {
    byte[] printed = "hi\nunsent".getBytes(UTF_8);
    return frame(out -> {
      Wire.writeHello(out, 4242, POOL_WORKER_2, true);
      Wire.writeOutput(out, Wire.STDOUT, printed, 3);
      Wire.writeOutput(out, Wire.STDERR, printed, 0);
      Wire.writeOutcome(out, Wire.RESULT, 1, 1_000, INVOCATION);
      Wire.writeOutcome(out, Wire.FAILURE, 2, 0, EXCEPTION);
      Wire.writeOutcome(out, Wire.SKIPPED, 3, 0, new byte[0]);
      Wire.writeRetiring(out);
      Wire.writeCancelled(out, 4, true);
      Wire.writeCancelled(out, Long.MAX_VALUE, false);
      Wire.writeInitFailed(out, EXCEPTION);
    });
  }

  private static Recorder readFromPool(byte[]... frames) {
    Recorder recorder = new Recorder();
    Input in = new Input(); // one for all frames, as a connection's reader keeps it
    for (byte[] frame : frames) {
      Wire.readFromPool(frame, in, recorder);
    }
    return recorder;
  }

  private static Recorder readFromWorker(byte[]... frames) {
    Recorder recorder = new Recorder();
    Input in = new Input();
    for (byte[] frame : frames) {
      Wire.readFromWorker(frame, in, POOL_WORKER_2, recorder);
    }
    return recorder;
  }

  @Test
  void poolMessagesInOneFrameArriveInOrder() {
    assertEquals(List.of("init [7]", "task 1 [1, 2, 3]", "cancel 1", "task " + Long.MAX_VALUE + " []",
        "share " + SHARED.key() + " 4", "unshare " + SHARED.key(), "taskHere 2 [1, 2, 3] last"), readFromPool(everyPoolMessage()).calls);
  }

  @Test
  void workerMessagesInOneFrameArriveInOrder() {
    assertEquals(List.of("hello 4242 PoolWorker-2 true", "output 1 hi\n", "output 2 ",
        "outcome 11 1 1000 [1, 2, 3]", "outcome 12 2 0 [9, 8]", "outcome 14 3 0 []",
        "retiring", "cancelled 4 true", "cancelled " + Long.MAX_VALUE + " false", "initFailed [9, 8]"), readFromWorker(everyWorkerMessage()).calls);
  }

  @Test
  void taskIsLastInFrameOnlyWithNothingBehindIt() {
    byte[] hereThenCancel = frame(out -> {
      Wire.writeTask(out, 5, INVOCATION, true);
      Wire.writeCancel(out, 4);
    });
    byte[] hereAlone = frame(out -> Wire.writeTask(out, 6, INVOCATION, true));
    assertEquals(List.of("taskHere 5 [1, 2, 3]", "cancel 4", "taskHere 6 [1, 2, 3] last"),
        readFromPool(hereThenCancel, hereAlone).calls);
  }

  @Test
  void oneInputReadsFrameAfterFrame() {
    Recorder twice = readFromWorker(everyWorkerMessage(), everyWorkerMessage());
    List<String> once = readFromWorker(everyWorkerMessage()).calls;
    List<String> expected = new ArrayList<>(once);
    expected.addAll(once);
    assertEquals(expected, twice.calls);
  }

  @Test
  void everyMessageKindRoundTrips() {
    Set<Byte> roundTripped = new TreeSet<>(readFromPool(everyPoolMessage()).kinds);
    roundTripped.addAll(readFromWorker(everyWorkerMessage()).kinds);
    TreeMap<Byte, String> kinds = messageKinds();
    for (var kind : kinds.entrySet()) {
      if (!roundTripped.contains(kind.getKey())) {
        throw new AssertionError("Wire." + kind.getValue() + " is not round-tripped here: write it in"
            + " everyPoolMessage or everyWorkerMessage, or, if it is no message kind, add it to"
            + " NOT_MESSAGE_KINDS");
      }
    }
    assertEquals(kinds.keySet(), roundTripped, "kinds read that Wire does not declare");
  }

  @Test
  void helloOfAnotherVersionIsRefusedNamingBothVersions() {
    int other = Wire.VERSION + 1;
    byte[] hello = frame(out -> Wire.writeHello(out, other, 4242, POOL_WORKER_2, false));
    Recorder recorder = new Recorder();
    WireProtocolException refused = assertThrows(WireProtocolException.class,
        () -> Wire.readFromWorker(hello, new Input(), POOL_WORKER_2, recorder));
    assertEquals("worker PoolWorker-2 speaks procpool wire protocol " + other + ", this pool speaks "
        + Wire.VERSION + ": the worker runs another build of procpool", refused.getMessage());
    assertEquals(List.of(), recorder.calls);
  }

  @Test
  void helloRefusedOnItsVersionAloneWhateverFollows() {
    byte[] hello = frame(out -> {
      out.writeByte(Wire.HELLO);
      out.writeVarInt(Wire.VERSION + 7, true); // then fields this build could not read
      out.writeBytes(new byte[] {-1, -1, -1});
    });
    WireProtocolException refused = assertThrows(WireProtocolException.class,
        () -> readFromWorker(hello));
    assertEquals("worker PoolWorker-2 speaks procpool wire protocol " + (Wire.VERSION + 7)
        + ", this pool speaks " + Wire.VERSION + ": the worker runs another build of procpool",
        refused.getMessage());
  }

  @Test
  void unversionedHelloOfTheFirstBuildsIsRefusedAsVersionOne() {
    byte[] hello = frame(out -> { // what a worker of protocol 1 sent: no version, pid first
      out.writeByte(10);
      out.writeVarLong(4242, true);
      out.writeString(POOL_WORKER_2);
      out.writeBoolean(false);
    });
    WireProtocolException refused = assertThrows(WireProtocolException.class, () -> readFromWorker(hello));
    assertEquals("worker PoolWorker-2 speaks procpool wire protocol 1, this pool speaks " + Wire.VERSION
        + ": the worker runs another build of procpool", refused.getMessage());
  }

  @Test
  void unknownKindFromWorkerIsNamedAfterTheMessagesBeforeIt() {
    byte[] frame = frame(out -> {
      Wire.writeOutcome(out, Wire.RESULT, 1, 5, INVOCATION);
      out.writeByte(99);
    });
    Recorder recorder = new Recorder();
    WireProtocolException refused = assertThrows(WireProtocolException.class,
        () -> Wire.readFromWorker(frame, new Input(), POOL_WORKER_2, recorder));
    assertEquals("worker PoolWorker-2 sent a message of unknown kind 99: the protocol is out of step",
        refused.getMessage());
    assertEquals(List.of("outcome 11 1 5 [1, 2, 3]"), recorder.calls);
  }

  @Test
  void unknownKindFromPoolIsNamed() {
    byte[] frame = frame(out -> out.writeByte(-3));
    WireProtocolException refused = assertThrows(WireProtocolException.class, () -> readFromPool(frame));
    assertEquals("the pool sent a message of unknown kind -3: the protocol is out of step",
        refused.getMessage());
  }

  @Test
  void workerMessageInPoolFrameIsUnknownThere() {
    byte[] hello = frame(out -> Wire.writeHello(out, 1, POOL_WORKER_2, false));
    WireProtocolException refused = assertThrows(WireProtocolException.class, () -> readFromPool(hello));
    assertEquals("the pool sent a message of unknown kind " + Wire.HELLO + ": the protocol is out of step",
        refused.getMessage());
  }

  @Test
  void eachSizeIsWhatItsWriterWritesAndAnOutcomesIsItsLargest() {
    for (int length : new int[] {0, 3, 127, 128, 16_383, 16_384, 300_000}) {
      byte[] bytes = new byte[length];
      for (long id : new long[] {1, 127, 128, 1L << 40}) {
        assertEquals(frame(out -> Wire.writeTask(out, id, bytes, false)).length, Wire.taskBytes(id, length));
        assertEquals(frame(out -> Wire.writeTask(out, id, bytes, true)).length, Wire.taskBytes(id, length));
        assertEquals(frame(out -> Wire.writeOutcome(out, Wire.RESULT, id, Long.MAX_VALUE, bytes)).length,
            Wire.outcomeBytes(id, length), "the nanos at their largest");
        assertTrue(frame(out -> Wire.writeOutcome(out, Wire.FAILURE, id, 5_000, bytes)).length < Wire.outcomeBytes(id, length));
        assertTrue(frame(out -> Wire.writeCancelled(out, id, true)).length <= Wire.CANCELLED_BYTES);
      }
      assertEquals(frame(out -> Wire.writeCancelled(out, Long.MAX_VALUE, false)).length, Wire.CANCELLED_BYTES,
          "the id at its longest");
      assertEquals(frame(Wire::writeRetiring).length, Wire.RETIRING_BYTES);
      assertEquals(frame(out -> Wire.writeUnshare(out, SHARED.key())).length, Wire.UNSHARE_BYTES);
      assertEquals(frame(out -> Wire.writeInit(out, bytes)).length, Wire.initBytes(length));
      assertEquals(frame(out -> Wire.writeShare(out, SharedValue.of(bytes))).length, Wire.shareBytes(length));
      assertEquals(frame(out -> Wire.writeInitFailed(out, bytes)).length, Wire.initFailedBytes(length));
      assertTrue(frame(out -> Wire.writeOutput(out, Wire.STDOUT, bytes, length)).length <= length + Wire.OUTPUT_HEADER_BYTES);
    }
  }

  @Test
  void aPieceOfOutputTravelsAsAnOutputOfItsOwn() {
    byte[] text = "hello, world".getBytes(UTF_8);
    Recorder recorder = new Recorder();

    Wire.readFromWorker(frame(out -> Wire.writeOutput(out, Wire.STDOUT, text, 7, 5)), new Input(), POOL_WORKER_2, recorder);

    assertEquals(List.of("output 1 world"), recorder.calls);
  }

  /** Wire's message kinds by value, found by reflection so that a new one cannot go untested. */
  private static TreeMap<Byte, String> messageKinds() {
    TreeMap<Byte, String> kinds = new TreeMap<>();
    for (Field field : Wire.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() == byte.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
          && !NOT_MESSAGE_KINDS.contains(field.getName())) {
        String clash = kinds.put(readByte(field), field.getName());
        if (clash != null) {
          throw new AssertionError("Wire." + clash + " and Wire." + field.getName() + " are one kind");
        }
      }
    }
    return kinds;
  }

  private static byte readByte(Field field) {
    try {
      field.setAccessible(true);
      return field.getByte(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
