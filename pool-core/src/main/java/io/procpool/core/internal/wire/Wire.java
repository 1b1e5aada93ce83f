package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The core's messages inside transport frames, both ways: a writer for each kind, and a reader for
 * each direction that hands the messages to a {@link FromPool} or {@link FromWorker}. A frame holds
 * one or more messages back to back, so that many tasks (or a task's output and its result) cost
 * one write.
 *
 * <pre>
 * parent to worker:  TASK    id:varlong  length:varint  invocation:bytes
 *                    TASK_HERE (as TASK)   the worker was idle and gets nothing else until it
 *                                          answers: it may run it on the thread that read it
 *                    INIT    length:varint  initializer:bytes         (first, if the pool has one)
 *                    CANCEL  id:varlong                               (skip that task if not begun)
 *                    SHARE   key:32 bytes  length:varint  value:bytes   (a large captured value, sent
 *                                          before the first task that refers to it by its key)
 *                    UNSHARE key:32 bytes                     (forget it: no task sent refers to it)
 * worker to parent:  HELLO   version:varint  pid:varlong  name:string  runsTasksHere:boolean
 *                                          (first; the pool reads no further on another version)
 *                    RESULT  id:varlong  nanos:varlong  length:varint  value:bytes
 *                    FAILURE id:varlong  nanos:varlong  length:varint  exception:bytes
 *                    SKIPPED id:varlong  nanos:varlong  length:varint(0)   (a cancelled task)
 *                    INIT_FAILED  length:varint  exception:bytes      (then the worker exits)
 *                    RETIRING                  (after a FAILURE that left the worker unfit, such as
 *                                          an OutOfMemoryError: it begins nothing sent after that
 *                                          answer, and waits for the pool to close it)
 *                    CANCELLED  id:varlong  skipped:boolean   (the answer to a CANCEL, at once:
 *                                          whether the task had not begun and will be SKIPPED)
 *                    OUTPUT  stream:byte(1 out, 2 err)  length:varint  text:bytes
 * </pre>
 *
 * <p>Every message starts with its kind, a byte; a kind the reader does not know is a
 * {@link WireProtocolException} that names it. So is a frame that lies about itself: one that ends
 * inside a message, or whose length or text announces more than the frame still holds. A reader
 * checks each length against what remains before it allocates, so a lying frame costs an error,
 * never an {@code OutOfMemoryError} (a frame's size is capped by its transport; the lengths inside
 * it are not, until checked here).
 */
public final class Wire {
  /**
   * The version of this format, which a worker states first in its HELLO. Bump it with any change
   * a worker of the previous build would misread: a kind added, removed or renumbered, a field
   * added, removed or reordered in any message, either way. The pool refuses a worker of another
   * version, which a remote worker of another build may be. 1 was the unversioned HELLO before it.
   */
  public static final int VERSION = 5;

  public static final byte TASK = 1;
  public static final byte INIT = 2;
  public static final byte CANCEL = 3;
  public static final byte TASK_HERE = 4;
  /** 16, not the 10 of version 1's unversioned HELLO, so that a worker of that build is told apart. */
  static final byte HELLO = 16;
  /** The first byte of version 1's HELLO, which had no version: recognised only to be refused clearly. */
  private static final int UNVERSIONED_HELLO = 10;
  public static final byte RESULT = 11;
  public static final byte FAILURE = 12;
  static final byte OUTPUT = 13;
  public static final byte SKIPPED = 14;
  public static final byte INIT_FAILED = 15;
  static final byte RETIRING = 17;
  static final byte CANCELLED = 18;
  static final byte SHARE = 19;
  static final byte UNSHARE = 20;

  public static final byte STDOUT = 1;
  public static final byte STDERR = 2;

  private static final byte[] NO_BYTES = new byte[0];

  private Wire() {}

  public static void writeTask(Output out, long id, byte[] invocation, boolean here) {
    out.writeByte(here ? TASK_HERE : TASK);
    out.writeVarLong(id, true);
    writeBytes(out, invocation);
  }

  public static void writeInit(Output out, byte[] initializer) {
    out.writeByte(INIT);
    writeBytes(out, initializer);
  }

  public static void writeCancel(Output out, long id) {
    out.writeByte(CANCEL);
    out.writeVarLong(id, true);
  }

  public static void writeShare(Output out, SharedValue value) {
    out.writeByte(SHARE);
    out.writeBytes(value.key().digest());
    writeBytes(out, value.bytes());
  }

  public static void writeUnshare(Output out, SharedKey key) {
    out.writeByte(UNSHARE);
    out.writeBytes(key.digest());
  }

  public static void writeHello(Output out, long pid, String name, boolean runsTasksHere) {
    writeHello(out, VERSION, pid, name, runsTasksHere);
  }

  /** As a worker of another build would write it; for tests, here and in the pool room. */
  public static void writeHello(Output out, int version, long pid, String name, boolean runsTasksHere) {
    out.writeByte(HELLO);
    out.writeVarInt(version, true);
    out.writeVarLong(pid, true);
    out.writeString(name);
    out.writeBoolean(runsTasksHere);
  }

  /** A RESULT, FAILURE or SKIPPED answer. */
  public static void writeOutcome(Output out, byte kind, long id, long nanos, byte[] payload) {
    out.writeByte(kind);
    out.writeVarLong(id, true);
    out.writeVarLong(nanos, true);
    writeBytes(out, payload);
  }

  public static void writeInitFailed(Output out, byte[] exception) {
    out.writeByte(INIT_FAILED);
    writeBytes(out, exception);
  }

  /** Says the worker begins no more tasks: those sent after its last answer are the pool's to give again. */
  public static void writeRetiring(Output out) {
    out.writeByte(RETIRING);
  }

  /** The worker's answer to a CANCEL: whether it will skip the task, never having begun it. */
  public static void writeCancelled(Output out, long id, boolean skipped) {
    out.writeByte(CANCELLED);
    out.writeVarLong(id, true);
    out.writeBoolean(skipped);
  }

  /** The most a CANCELLED takes: its kind, the id at its longest (ids are positive: 9 bytes) and the boolean. */
  public static final int CANCELLED_BYTES = 1 + 9 + 1;

  /** What a RETIRING takes: its kind alone. */
  public static final int RETIRING_BYTES = 1;

  public static void writeOutput(Output out, byte stream, byte[] text, int length) {
    writeOutput(out, stream, text, 0, length);
  }

  /** An OUTPUT of {@code length} bytes of {@code text} from {@code offset}: a piece of a longer output. */
  public static void writeOutput(Output out, byte stream, byte[] text, int offset, int length) {
    out.writeByte(OUTPUT);
    out.writeByte(stream);
    out.writeVarInt(length, true);
    out.writeBytes(text, offset, length);
  }

  // The sizes of messages as written above, for checking them against a connection's frame limit
  // before writing them. Longs: a message near Integer.MAX_VALUE bytes must not wrap around.

  /** The most bytes an OUTPUT takes besides its text. */
  public static final int OUTPUT_HEADER_BYTES = 1 + 1 + 5;

  /** The bytes of a TASK or TASK_HERE (the same size). */
  public static long taskBytes(long id, int invocationLength) {
    return 1L + Output.varLongLength(id, true) + bytesField(invocationLength);
  }

  /** The bytes of a SHARE. */
  public static long shareBytes(int valueLength) {
    return 1L + SharedKey.BYTES + bytesField(valueLength);
  }

  /** What an UNSHARE takes. */
  public static final int UNSHARE_BYTES = 1 + SharedKey.BYTES;

  /** The bytes of an INIT. */
  public static long initBytes(int initializerLength) {
    return 1L + bytesField(initializerLength);
  }

  /**
   * The most bytes a RESULT, FAILURE or SKIPPED takes, whatever time it reports: the nanos are
   * counted at their largest, as the answer's size is judged before the task's time is known.
   */
  public static long outcomeBytes(long id, int payloadLength) {
    return 1L + Output.varLongLength(id, true) + MAX_VARLONG_BYTES + bytesField(payloadLength);
  }

  /** The bytes of an INIT_FAILED. */
  public static long initFailedBytes(int exceptionLength) {
    return 1L + bytesField(exceptionLength);
  }

  private static final int MAX_VARLONG_BYTES = 9;

  private static long bytesField(int length) {
    return (long) Output.varIntLength(length, true) + length;
  }

  private static void writeBytes(Output out, byte[] bytes) {
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  /** A varint length, then that many bytes: the length is checked against what remains first. */
  private static byte[] readBytes(Input in, String sender) {
    int length = readVarInt(in, sender);
    int remaining = in.limit() - in.position();
    if (length < 0 || length > remaining) {
      throw malformed(sender, "it announces " + length + " bytes where " + remaining + " remain");
    }
    return in.readBytes(length);
  }

  private static SharedKey readKey(Input in, String sender) {
    if (in.limit() - in.position() < SharedKey.BYTES) {
      throw endsInsideAMessage(sender);
    }
    return SharedKey.fromDigest(in.readBytes(SharedKey.BYTES));
  }

  /**
   * Kryo's string, whose length is checked first: Kryo allocates a UTF-8 string's characters
   * from its announced count, before it reads them, and each character takes a byte at least.
   */
  private static String readString(Input in, String sender) {
    int start = in.position();
    try {
      if (in.readVarIntFlag()) { // UTF-8, with its count of characters plus one (0: null)
        int characters = in.readVarIntFlag(true) - 1; // -1: null
        int remaining = in.limit() - in.position();
        if (characters < -1 || characters > remaining) {
          throw malformed(sender, "it announces a text of " + characters + " characters where "
              + remaining + " bytes remain");
        }
        in.setPosition(start);
      }
      return in.readString(); // ASCII grows only with the bytes it reads
    } catch (KryoException e) {
      throw endsInsideAMessage(sender);
    }
  }

  /*
   * Kryo's readers for the other fields, with a frame that ends too early turned into the one
   * exception the core expects of a frame it cannot read; Kryo's own would escape its handlers.
   */

  private static byte readByte(Input in, String sender) {
    try {
      return in.readByte();
    } catch (KryoException e) {
      throw endsInsideAMessage(sender);
    }
  }

  private static boolean readBoolean(Input in, String sender) {
    try {
      return in.readBoolean();
    } catch (KryoException e) {
      throw endsInsideAMessage(sender);
    }
  }

  private static int readVarInt(Input in, String sender) {
    try {
      return in.readVarInt(true);
    } catch (KryoException e) {
      throw endsInsideAMessage(sender);
    }
  }

  private static long readVarLong(Input in, String sender) {
    try {
      return in.readVarLong(true);
    } catch (KryoException e) {
      throw endsInsideAMessage(sender);
    }
  }

  /** What the pool's frames say, message by message; the worker implements it. */
  public interface FromPool {
    /**
     * A TASK, or a TASK_HERE if {@code here}.
     *
     * @param lastInFrame whether nothing follows it in its frame: a TASK_HERE then has nothing
     *     behind it that running it on the reading thread would hold up
     */
    void task(long id, byte[] invocation, boolean here, boolean lastInFrame);

    void initializer(byte[] initializer);

    void cancel(long id);

    /** A SHARE: keep {@code value}, which tasks sent after it refer to by {@code key}. */
    void share(SharedKey key, byte[] value);

    /** An UNSHARE: no task sent from now on refers to {@code key}. */
    void unshare(SharedKey key);
  }

  /** What a worker's frames say, message by message; the pool side implements it. */
  public interface FromWorker {
    /**
     * A HELLO of this {@link #VERSION}.
     *
     * @param runsTasksHere whether the worker runs a TASK_HERE on the thread that read it
     */
    void hello(long pid, String name, boolean runsTasksHere);

    /** A RESULT, FAILURE or SKIPPED answer. */
    void outcome(byte kind, long id, long nanos, byte[] payload);

    void output(byte stream, byte[] text);

    void initializerFailed(byte[] exception);

    /** A RETIRING: the worker begins no more tasks, and every task it has not answered was not begun. */
    void retiring();

    /** A CANCELLED: the worker's answer to a CANCEL; {@code skipped}: the task had not begun and never will. */
    void cancelled(long id, boolean skipped);
  }

  /**
   * Reads every message of a pool's frame, in order, into {@code to}, through {@code in}, which a
   * connection's reader keeps for all its frames.
   *
   * @throws WireProtocolException for a message of unknown kind, or a frame that is malformed
   */
  public static void readFromPool(byte[] frame, Input in, FromPool to) {
    String sender = "the pool";
    in.setBuffer(frame);
    while (hasMore(in)) {
      byte kind = in.readByte();
      switch (kind) {
        case TASK, TASK_HERE -> readTask(in, kind == TASK_HERE, to);
        case INIT -> to.initializer(readBytes(in, sender));
        case CANCEL -> to.cancel(readVarLong(in, sender));
        case SHARE -> to.share(readKey(in, sender), readBytes(in, sender));
        case UNSHARE -> to.unshare(readKey(in, sender));
        default -> throw unknownKind(sender, kind);
      }
    }
    in.setBuffer(NO_BYTES); // not keep a large frame alive until the next one
  }

  private static void readTask(Input in, boolean here, FromPool to) {
    long id = readVarLong(in, "the pool");
    byte[] invocation = readBytes(in, "the pool");
    to.task(id, invocation, here, !hasMore(in));
  }

  /**
   * Reads every message of a worker's frame, in order, into {@code to}, through {@code in}, which
   * a connection's reader keeps for all its frames.
   *
   * @param workerName the pool's name for the worker, for the errors
   * @throws WireProtocolException for a HELLO of another version, a message of unknown kind, or
   *     a frame that is malformed
   */
  public static void readFromWorker(byte[] frame, Input in, String workerName, FromWorker to) {
    String sender = "worker " + workerName;
    in.setBuffer(frame);
    while (hasMore(in)) {
      byte kind = in.readByte();
      switch (kind) {
        case HELLO -> readHello(in, workerName, to);
        case UNVERSIONED_HELLO -> throw otherVersion(workerName, 1);
        case RESULT, FAILURE, SKIPPED -> to.outcome(kind, readVarLong(in, sender), readVarLong(in, sender),
            readBytes(in, sender));
        case OUTPUT -> to.output(readByte(in, sender), readBytes(in, sender));
        case INIT_FAILED -> to.initializerFailed(readBytes(in, sender));
        case RETIRING -> to.retiring();
        case CANCELLED -> to.cancelled(readVarLong(in, sender), readBoolean(in, sender));
        default -> throw unknownKind(sender, kind);
      }
    }
    in.setBuffer(NO_BYTES);
  }

  /** Reads a HELLO, but past its version only if it is ours: another build may go on otherwise. */
  private static void readHello(Input in, String workerName, FromWorker to) {
    String sender = "worker " + workerName;
    int version = readVarInt(in, sender);
    if (version != VERSION) {
      throw otherVersion(workerName, version);
    }
    to.hello(readVarLong(in, sender), readString(in, sender), readBoolean(in, sender));
  }

  private static WireProtocolException otherVersion(String workerName, int version) {
    return new WireProtocolException("worker " + workerName + " speaks procpool wire protocol "
        + version + ", this pool speaks " + VERSION + ": the worker runs another build of procpool");
  }

  private static WireProtocolException unknownKind(String sender, byte kind) {
    return new WireProtocolException(sender + " sent a message of unknown kind " + kind
        + ": the protocol is out of step");
  }

  private static WireProtocolException malformed(String sender, String why) {
    return new WireProtocolException(sender + " sent a malformed frame: " + why + ": the protocol is out of step");
  }

  private static WireProtocolException endsInsideAMessage(String sender) {
    return malformed(sender, "it ends inside a message");
  }

  private static boolean hasMore(Input in) {
    return in.position() < in.limit();
  }
}
