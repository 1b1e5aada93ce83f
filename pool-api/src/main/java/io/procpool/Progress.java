package io.procpool;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How far one call has come: a snapshot, from {@link AsyncResult#progress()} or
 * {@link ResultIterator#progress()}, or handed to an {@code onProgress} listener.
 *
 * <p>Items are counted when their chunk settles: a chunk of a map returns from its worker as one
 * answer, so its items are counted together, and within a chunk there is no finer step. Once the
 * call has ended, {@code done + failed == total}.
 *
 * @param done the items that succeeded
 * @param failed the items that failed, or whose values the call will not deliver (once a
 *     {@code map} has failed or was cancelled, every item not done counts as failed)
 * @param total how many items the call has, or {@link #UNKNOWN} while it is not known (an
 *     {@code imap} over an input that is not a {@code Collection}, until the input is exhausted);
 *     1 for a single task
 * @param elapsed the time since the call began; once it has ended, the time it took
 */
public record Progress(long done, long failed, long total, Duration elapsed) {
  /** The {@link #total()} of a call whose number of items is not known yet. */
  public static final long UNKNOWN = -1;

  /**
   * Checks the counts.
   *
   * @param done the items that succeeded
   * @param failed the items that failed
   * @param total the items of the call, or {@link #UNKNOWN}
   * @param elapsed the time since the call began, or that it took
   * @throws IllegalArgumentException if a count is negative, {@code total} is below
   *     {@link #UNKNOWN}, or more items settled than the total
   * @throws NullPointerException if {@code elapsed} is null
   */
  public Progress {
    if (done < 0 || failed < 0 || total < UNKNOWN) {
      throw new IllegalArgumentException("counts must not be negative: done " + done + ", failed " + failed
          + ", total " + total);
    }
    if (total != UNKNOWN && done + failed > total) {
      throw new IllegalArgumentException(done + " done and " + failed + " failed is more than the total " + total);
    }
    if (elapsed == null || elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must be a duration of zero or more, was " + elapsed);
    }
  }

  /**
   * Whether {@link #total()} is known.
   *
   * @return false while the total is {@link #UNKNOWN}
   */
  public boolean totalKnown() {
    return total != UNKNOWN;
  }

  /**
   * The items that have an outcome.
   *
   * @return {@code done + failed}
   */
  public long settled() {
    return done + failed;
  }

  /**
   * Whether every item of the call has settled.
   *
   * @return true when the total is known and reached
   */
  public boolean finished() {
    return totalKnown() && settled() == total;
  }

  /**
   * The rate so far.
   *
   * @return items settled per second since the call began; 0 before any time has passed
   */
  public double rate() {
    long nanos = elapsed.toNanos();
    return nanos == 0 ? 0 : settled() * 1e9 / nanos;
  }

  /**
   * The time still to go, at the rate so far: zero once finished; empty while the total is not
   * known or nothing has settled yet.
   *
   * @return the estimated time to the end, if there is one
   */
  public Optional<Duration> eta() {
    if (finished()) {
      return Optional.of(Duration.ZERO);
    }
    double rate = rate();
    if (!totalKnown() || rate == 0) {
      return Optional.empty();
    }
    double seconds = (total - settled()) / rate;
    return Optional.of(Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE)));
  }

  /** For people: {@code "120/400 items (3 failed), 95.2 items/s, ETA 3s"}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(settled()).append('/').append(totalKnown() ? total : "?")
        .append(" items");
    if (failed > 0) {
      text.append(" (").append(failed).append(" failed)");
    }
    text.append(String.format(Locale.ROOT, ", %.1f items/s", rate()));
    eta().ifPresent(eta -> text.append(", ETA ").append(eta.toSeconds()).append('s'));
    return text.toString();
  }
}
