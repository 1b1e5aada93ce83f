package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The core's messages inside transport frames. A frame holds one or more messages back to back,
 * so that many tasks (or a task's output and its result) cost one write.
 *
 * <pre>
 * parent to worker:  TASK    id:varlong  length:varint  invocation:bytes
 *                    TASK_HERE (as TASK)   the worker was idle and gets nothing else until it
 *                                          answers: it may run it on the thread that read it
 *                    INIT    length:varint  initializer:bytes         (first, if the pool has one)
 *                    CANCEL  id:varlong                               (skip that task if not begun)
 * worker to parent:  HELLO   pid:varlong  name:string  runsTasksHere:boolean
 *                    RESULT  id:varlong  nanos:varlong  length:varint  value:bytes
 *                    FAILURE id:varlong  nanos:varlong  length:varint  exception:bytes
 *                    SKIPPED id:varlong  nanos:varlong  length:varint(0)   (a cancelled task)
 *                    INIT_FAILED  length:varint  exception:bytes      (then the worker exits)
 *                    OUTPUT  stream:byte(1 out, 2 err)  length:varint  text:bytes
 * </pre>
 */
public final class Wire {
  public static final byte TASK = 1;
  public static final byte INIT = 2;
  public static final byte CANCEL = 3;
  public static final byte TASK_HERE = 4;
  static final byte HELLO = 10;
  public static final byte RESULT = 11;
  public static final byte FAILURE = 12;
  static final byte OUTPUT = 13;
  public static final byte SKIPPED = 14;
  public static final byte INIT_FAILED = 15;

  public static final byte STDOUT = 1;
  public static final byte STDERR = 2;

  private Wire() {}

  public static void writeTask(Output out, long id, byte[] invocation, boolean here) {
    out.writeByte(here ? TASK_HERE : TASK);
    out.writeVarLong(id, true);
    writeBytes(out, invocation);
  }

  public static void writeHello(Output out, long pid, String name, boolean runsTasksHere) {
    out.writeByte(HELLO);
    out.writeVarLong(pid, true);
    out.writeString(name);
    out.writeBoolean(runsTasksHere);
  }

  public static void writeOutcome(Output out, byte kind, long id, long nanos, byte[] payload) {
    out.writeByte(kind);
    out.writeVarLong(id, true);
    out.writeVarLong(nanos, true);
    writeBytes(out, payload);
  }

  public static void writeOutput(Output out, byte stream, byte[] text, int length) {
    out.writeByte(OUTPUT);
    out.writeByte(stream);
    out.writeVarInt(length, true);
    out.writeBytes(text, 0, length);
  }

  public static void writeBytes(Output out, byte[] bytes) {
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  public static byte[] readBytes(Input in) {
    return in.readBytes(in.readVarInt(true));
  }

  /** What a worker's frames say, message by message; the pool side implements it. */
  public interface FromWorker {
    /** @param runsTasksHere whether the worker runs a TASK_HERE on the thread that read it */
    void hello(long pid, String name, boolean runsTasksHere);

    /** A RESULT, FAILURE or SKIPPED answer. */
    void outcome(byte kind, long id, long nanos, byte[] payload);

    void output(byte stream, byte[] text);

    void initializerFailed(byte[] exception);
  }

  /**
   * Reads every message of a worker's frame, in order, into {@code to}.
   *
   * @throws IllegalStateException for a message of unknown type: the protocol is out of step
   */
  private static final byte[] NO_BYTES = new byte[0];

  public static void readFromWorker(byte[] frame, FromWorker to) {
    readFromWorker(frame, new Input(), to);
  }

  /** As above, reading through {@code in}, which a connection's reader keeps for all its frames. */
  public static void readFromWorker(byte[] frame, Input in, FromWorker to) {
    in.setBuffer(frame);
    while (hasMore(in)) {
      byte kind = in.readByte();
      switch (kind) {
        case HELLO -> to.hello(in.readVarLong(true), in.readString(), in.readBoolean());
        case RESULT, FAILURE, SKIPPED -> to.outcome(kind, in.readVarLong(true), in.readVarLong(true), readBytes(in));
        case OUTPUT -> to.output(in.readByte(), readBytes(in));
        case INIT_FAILED -> to.initializerFailed(readBytes(in));
        default -> throw new IllegalStateException("a message of unknown type " + kind
            + ": the protocol is out of step");
      }
    }
    in.setBuffer(NO_BYTES); // not keep a large frame alive until the next one
  }

  /** Whether the input holds another message. */
  public static boolean hasMore(Input in) {
    return in.position() < in.limit();
  }
}
