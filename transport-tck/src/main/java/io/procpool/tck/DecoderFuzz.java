package io.procpool.tck;

import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Feeds a decoder random and mangled bytes for a bounded time, and fails on anything but what the
 * decoder documents for bad input: an exception of an undocumented type, an {@code Error} such
 * as {@code OutOfMemoryError}, or an input that takes longer than its own timeout (a hang). For
 * a transport's own tests, beside the kit:
 *
 * <pre>{@code
 * DecoderFuzz.of("my frame reader", bytes -> MyFrames.readAll(new ByteArrayInputStream(bytes)))
 *     .seeds(aValidStream)                  // well-formed inputs, to truncate and mangle
 *     .allowing(IOException.class)          // what the reader throws for bad input
 *     .run();
 * }</pre>
 *
 * The inputs come from a {@link Random} whose seed every failure names; set the system property
 * {@value #SEED_PROPERTY} to it to replay the same inputs. First every truncation of each seed,
 * then, until the budget is spent: random bytes, seeds cut short, seeds with bytes changed, with
 * a huge 4-byte big-endian length or a huge varint written into them, and seeds joined to
 * garbage.
 */
public final class DecoderFuzz {
  /** Replays a failing run: the seed its failure message names. */
  public static final String SEED_PROPERTY = "procpool.fuzz.seed";

  /** Lengths a lying header announces: 2 GiB, 2 GiB - 1, 4 GiB - 1, 1 GiB, 64 MiB. */
  private static final int[] HUGE_LENGTHS = {0x80000000, 0x7fffffff, 0xffffffff, 0x40000000, 0x04000000};
  /** Unsigned varints of 2^31 - 1 and of 2^32 - 1 (which reads back as -1), and a 9-byte varlong. */
  private static final byte[][] HUGE_VARINTS = {
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}};

  /** One decoding of one input; returns normally, or throws what its decoder documents. */
  @FunctionalInterface
  public interface Decoder {
    /**
     * Decodes one whole input, as the transport's reader would a stream.
     *
     * @param input the bytes to decode, possibly malformed
     * @throws Exception one of the types given to {@link DecoderFuzz#allowing}, for bad input; any
     *     other fails the run
     */
    void decode(byte[] input) throws Exception;
  }

  private final String name;
  private final Decoder decoder;
  private final List<byte[]> seeds = new ArrayList<>();
  private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
  private Duration budget = Duration.ofMillis(1500);
  private Duration perInput = Duration.ofSeconds(2);

  private DecoderFuzz(String name, Decoder decoder) {
    this.name = name;
    this.decoder = decoder;
  }

  /**
   * A fuzz run of {@code decoder}, named in its messages.
   *
   * @param name what is fuzzed, as failure messages and the summary line call it
   * @param decoder runs the code under test on one input
   * @return a run with no seeds, no allowed exceptions, a 1.5 s budget and 2 s per input
   */
  public static DecoderFuzz of(String name, Decoder decoder) {
    return new DecoderFuzz(name, decoder);
  }

  /**
   * Well-formed inputs to cut short and mangle; without any, the inputs are random bytes only.
   *
   * @param valid well-formed inputs, such as the bytes of a few real frames
   * @return this run
   */
  public DecoderFuzz seeds(byte[]... valid) {
    seeds.addAll(List.of(valid));
    return this;
  }

  /**
   * The exceptions (and their subclasses) the decoder documents for bad input.
   *
   * @param documented the exception types the decoder throws for bad input
   * @return this run
   */
  @SafeVarargs
  public final DecoderFuzz allowing(Class<? extends Exception>... documented) {
    allowed.addAll(List.of(documented));
    return this;
  }

  /**
   * How long to keep generating inputs (default 1.5 s).
   *
   * @param total the time for the whole run; every truncation of the seeds is tried even past it
   * @return this run
   */
  public DecoderFuzz budget(Duration total) {
    this.budget = total;
    return this;
  }

  /**
   * How long one input may take before it counts as a hang (default 2 s).
   *
   * @param timeout the longest one input may take
   * @return this run
   */
  public DecoderFuzz perInput(Duration timeout) {
    this.perInput = timeout;
    return this;
  }

  /**
   * Runs the inputs, each on a thread of its own run so that a hang can be told from slowness.
   *
   * @return how many inputs the decoder took
   * @throws AssertionError naming the seed, the input's number and its bytes, at the first failure
   * @throws InterruptedException if the test is interrupted while an input is decoded
   */
  public int run() throws InterruptedException {
    long seed = Long.getLong(SEED_PROPERTY, System.nanoTime() ^ Double.doubleToLongBits(Math.random()));
    Random random = new Random(seed);
    ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread decoding = new Thread(runnable, "decoder-fuzz " + name);
      decoding.setDaemon(true); // one that hangs must not keep the test JVM alive
      return decoding;
    });
    int count = 0;
    long start = System.nanoTime();
    try {
      long end = start + budget.toNanos();
      List<byte[]> truncations = truncationsOfEachSeed();
      while (count < truncations.size() || System.nanoTime() < end) {
        byte[] input = count < truncations.size() ? truncations.get(count) : next(random);
        decodeOne(thread, input, count, seed);
        count++;
      }
    } finally {
      thread.shutdownNow();
    }
    System.out.println("[procpool fuzz] " + name + ": " + count + " inputs in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + " replays them)");
    return count;
  }

  private void decodeOne(ExecutorService thread, byte[] input, int number, long seed) throws InterruptedException {
    Future<?> decoding = thread.submit(() -> {
      decoder.decode(input);
      return null;
    });
    try {
      decoding.get(perInput.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      decoding.cancel(true);
      throw failure("took over " + perInput.toMillis() + " ms (a hang?)", input, number, seed, null);
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (allowed.stream().noneMatch(type -> type.isInstance(thrown))) {
        throw failure("threw " + thrown + ", which is not among " + allowed, input, number, seed, thrown);
      }
    }
  }

  private AssertionError failure(String what, byte[] input, int number, long seed, Throwable cause) {
    String shown = input.length > 256
        ? HexFormat.of().formatHex(input, 0, 256) + "… (" + input.length + " bytes)"
        : HexFormat.of().formatHex(input);
    return new AssertionError(name + ": input #" + number + " " + what + "; seed " + seed
        + " (-D" + SEED_PROPERTY + "=" + seed + " replays it); input: " + shown, cause);
  }

  private List<byte[]> truncationsOfEachSeed() {
    List<byte[]> cuts = new ArrayList<>();
    for (byte[] seed : seeds) {
      for (int length = 0; length <= seed.length; length++) {
        cuts.add(Arrays.copyOf(seed, length));
      }
    }
    return cuts;
  }

  private byte[] next(Random random) {
    if (seeds.isEmpty()) {
      return randomBytes(random);
    }
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random);
      case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      case 2 -> changeBytes(seed, random);
      case 3 -> overwrite(seed, hugeLength(random), random);
      case 4 -> overwrite(seed, HUGE_VARINTS[random.nextInt(HUGE_VARINTS.length)], random);
      default -> join(seed, random.nextBoolean() ? randomBytes(random) : seeds.get(random.nextInt(seeds.size())));
    };
  }

  /** Mostly short, sometimes a few KiB: decoders fail on their first bytes more often than not. */
  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(8) == 0 ? random.nextInt(4096) : random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] changeBytes(byte[] seed, Random random) {
    byte[] changed = seed.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n && changed.length > 0; i++) {
      changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
    }
    return changed;
  }

  private static byte[] hugeLength(Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt() : HUGE_LENGTHS[random.nextInt(HUGE_LENGTHS.length)];
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }

  /** {@code part} written over the seed at a random place, the seed growing if it runs past its end. */
  private static byte[] overwrite(byte[] seed, byte[] part, Random random) {
    int at = random.nextInt(seed.length + 1);
    byte[] result = Arrays.copyOf(seed, Math.max(seed.length, at + part.length));
    System.arraycopy(part, 0, result, at, part.length);
    return result;
  }

  private static byte[] join(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }
}
