package io.procpool.core.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both of Wire's readers fed random frames, every truncation of real ones, and real ones with
 * bytes changed or a huge varint written in, for about 1.5 s each: each frame is read, or
 * refused with a {@link WireProtocolException}; anything else (Kryo's own exceptions, an
 * {@code OutOfMemoryError}, an input taking over two seconds) fails, naming the seed that
 * replays it through {@code -Dprocpool.fuzz.seed}. The transports fuzz theirs with the kit's
 * {@code DecoderFuzz}, which the core cannot use: the kit depends on the core.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireFuzzTest {
  private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
  private static final long PER_INPUT_MILLIS = 2000;
  private static final byte[][] HUGE_VARINTS = {
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},   // 2^31 - 1
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},   // reads back as -1
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}};

  private interface Reader {
    void read(byte[] frame, Input in);
  }

  /** Takes every message and does nothing with it: only the reading is under test. */
  private static final class Ignore implements Wire.FromPool, Wire.FromWorker {
    @Override public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {}
    @Override public void initializer(byte[] initializer) {}
    @Override public void cancel(long id) {}
    @Override public void share(SharedKey key, byte[] value) {}
    @Override public void unshare(SharedKey key) {}
    @Override public void hello(long pid, String name, boolean runsTasksHere) {}
    @Override public void outcome(byte kind, long id, long nanos, byte[] payload) {}
    @Override public void output(byte stream, byte[] text) {}
    @Override public void initializerFailed(byte[] exception) {}
    @Override public void retiring() {}
    @Override public void cancelled(long id, boolean skipped) {}
  }

  private static byte[] frame(Consumer<Output> messages) {
    Output out = new Output(64, -1);
    messages.accept(out);
    return out.toBytes();
  }

  @Test
  void readerOfThePoolsFramesReadsOrRefusesAnything() throws Exception {
    List<byte[]> seeds = List.of(
        frame(out -> {
          Wire.writeInit(out, new byte[] {7});
          Wire.writeTask(out, 1, new byte[] {1, 2, 3}, false);
          Wire.writeCancel(out, 1);
          Wire.writeTask(out, 1L << 40, new byte[200], true);
        }),
        frame(out -> Wire.writeTask(out, 2, new byte[0], true)));
    Ignore ignore = new Ignore();
    fuzz("Wire.readFromPool", seeds, (frame, in) -> Wire.readFromPool(frame, in, ignore));
  }

  @Test
  void readerOfAWorkersFramesReadsOrRefusesAnything() throws Exception {
    byte[] text = "printed, with ünïcödé\n".getBytes(UTF_8);
    List<byte[]> seeds = List.of(
        frame(out -> Wire.writeHello(out, 4242, "PoolWorker-1", true)),
        frame(out -> Wire.writeHello(out, 4242, "Wörker-ü", false)),
        frame(out -> {
          Wire.writeOutput(out, Wire.STDOUT, text, text.length);
          Wire.writeOutcome(out, Wire.RESULT, 1, 1_000, new byte[] {1, 2});
          Wire.writeOutcome(out, Wire.FAILURE, 2, 0, new byte[300]);
          Wire.writeOutcome(out, Wire.SKIPPED, 3, 0, new byte[0]);
          Wire.writeRetiring(out);
          Wire.writeCancelled(out, 5, true);
          Wire.writeInitFailed(out, new byte[] {9});
        }));
    Ignore ignore = new Ignore();
    fuzz("Wire.readFromWorker", seeds, (frame, in) -> Wire.readFromWorker(frame, in, "PoolWorker-1", ignore));
  }

  /** One Input for all frames, as a connection keeps it: a bad frame must not spoil the next. */
  private static void fuzz(String name, List<byte[]> seeds, Reader reader) throws Exception {
    long seed = Long.getLong("procpool.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    Input in = new Input();
    ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread reading = new Thread(runnable, "wire-fuzz");
      reading.setDaemon(true);
      return reading;
    });
    int count = 0;
    try {
      for (byte[] valid : seeds) {
        for (int length = 0; length <= valid.length; length++) {
          readOne(thread, reader, in, Arrays.copyOf(valid, length), name, seed, count++);
        }
      }
      for (long end = System.nanoTime() + BUDGET_NANOS; System.nanoTime() < end; ) {
        readOne(thread, reader, in, mangled(seeds.get(random.nextInt(seeds.size())), random), name, seed, count++);
      }
    } finally {
      thread.shutdownNow();
    }
    System.out.println("[procpool fuzz] " + name + ": " + count + " frames, seed " + seed);
    assertTrue(count > 1000, name + ": only " + count + " frames in the budget");
  }

  private static void readOne(ExecutorService thread, Reader reader, Input in, byte[] frame, String name, long seed,
                              int number) throws InterruptedException {
    Future<?> reading = thread.submit(() -> reader.read(frame, in));
    String which = name + ": frame #" + number + " " + HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 256))
        + (frame.length > 256 ? "…" : "") + " (seed " + seed + ", -Dprocpool.fuzz.seed replays it)";
    try {
      reading.get(PER_INPUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reading.cancel(true);
      throw new AssertionError(which + " took over " + PER_INPUT_MILLIS + " ms");
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof WireProtocolException)) {
        throw new AssertionError(which + " threw " + e.getCause(), e.getCause());
      }
    }
  }

  private static byte[] mangled(byte[] valid, Random random) {
    switch (random.nextInt(4)) {
      case 0: { // random bytes, mostly short
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
      }
      case 1: { // a few bytes changed
        byte[] changed = valid.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
        }
        return changed;
      }
      case 2: { // a huge varint written over it somewhere: a length, an id, a version
        byte[] huge = HUGE_VARINTS[random.nextInt(HUGE_VARINTS.length)];
        int at = random.nextInt(valid.length);
        byte[] result = Arrays.copyOf(valid, Math.max(valid.length, at + huge.length));
        System.arraycopy(huge, 0, result, at, huge.length);
        return result;
      }
      default: // cut short at a random place
        return Arrays.copyOf(valid, random.nextInt(valid.length));
    }
  }
}
