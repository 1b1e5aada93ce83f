package io.procpool.progressbar;

import io.procpool.AsyncResult;
import io.procpool.Progress;
import io.procpool.ResultIterator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress line for one call of a pool ({@code mapAsync}, {@code starmapAsync},
 * {@code mapOutcomesAsync}, {@code imap}, {@code imapUnordered}): items settled of the total,
 * failures, rate and ETA, drawn with <a href="https://github.com/ctongfei/progressbar">progressbar</a>.
 *
 * <pre>{@code
 * AsyncResult<List<Long>> squares = pool.mapAsync(Work::square, items);
 * try (ConsoleProgress bar = ConsoleProgress.of(squares, "squares")) {
 *   values = squares.get();
 * } // the last line is drawn before close() returns
 * }</pre>
 *
 * On a terminal the line is redrawn in place, a few times a second; otherwise (output to a file,
 * a pipe, a CI log) it is written as plain lines, one every few seconds while the count moves, and
 * one at the end. It follows the call through {@link AsyncResult#onProgress}, so it moves as
 * chunks settle (a chunk's items at once), and it ends itself when the call has finished. Close it
 * anyway, with try-with-resources, so that its last line is out before what you print next.
 */
public final class ConsoleProgress implements AutoCloseable {
  private final ProgressBar bar;
  private final Supplier<Progress> source;
  private volatile Progress latest;
  private boolean closed;

  private ConsoleProgress(ProgressBar bar, Supplier<Progress> source, Progress first) {
    this.bar = bar;
    this.source = source;
    this.latest = first;
  }

  /**
   * A progress line for {@code result}, on standard error.
   *
   * @param result a result of {@code mapAsync}, {@code starmapAsync} or {@code mapOutcomesAsync}
   *     (or any other, whose total is 1)
   * @param task the name the line starts with
   * @return the line, drawn until the call finishes or it is closed
   */
  public static ConsoleProgress of(AsyncResult<?> result, String task) {
    return options().of(result, task);
  }

  /**
   * A progress line for {@code results}, on standard error.
   *
   * @param results the iterator of {@code imap} or {@code imapUnordered}
   * @param task the name the line starts with
   * @return the line, drawn until the call finishes or it is closed
   */
  public static ConsoleProgress of(ResultIterator<?> results, String task) {
    return options().of(results, task);
  }

  /**
   * Where and how often to draw, if not the defaults.
   *
   * @return options to set, then {@link Options#of(AsyncResult, String) of(...)}
   */
  public static Options options() {
    return new Options();
  }

  /**
   * Draws the progress as it is now, ends the line and stops following the call. It does not wait
   * for the call. Idempotent.
   */
  @Override
  public void close() {
    end(source.get());
  }

  /** On the pool's callback thread. */
  private void follow(Progress progress) {
    if (progress.finished()) {
      end(progress);
    } else {
      update(progress);
    }
  }

  private synchronized void update(Progress progress) {
    if (closed) {
      return;
    }
    latest = progress;
    if (progress.totalKnown() && (bar.isIndefinite() || bar.getMax() != progress.total())) {
      bar.maxHint(progress.total());
    }
    bar.setExtraMessage(details(progress));
    if (progress.settled() > bar.getCurrent()) {
      bar.stepTo(progress.settled());
    }
  }

  private synchronized void end(Progress progress) {
    if (!closed) {
      update(progress);
      closed = true;
      bar.close(); // draws the last line, on the library's thread, and waits for it
    }
  }

  /** The rate since the call began (the bar's own counts whole seconds), and failures if any. */
  private static String details(Progress progress) {
    String rate = String.format(Locale.ROOT, "%.1f items/s", progress.rate());
    return progress.failed() > 0 ? rate + " (" + progress.failed() + " failed)" : rate;
  }

  private Optional<Duration> eta() {
    return latest.eta();
  }

  /**
   * Where the line goes (standard error unless told), whether it is a terminal (as
   * {@link System#console()} says, unless told), and how often it is drawn.
   */
  public static final class Options {
    private PrintStream out;
    private Boolean terminal;
    private Duration interval;

    private Options() {}

    /**
     * Draws on {@code out} instead of standard error.
     *
     * @param out where the line goes
     * @return these options
     */
    public Options out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Draws as on a terminal (one line redrawn in place) or not (plain lines), whatever
     * {@link System#console()} says.
     *
     * @param terminal true to redraw one line in place, false for plain lines
     * @return these options
     */
    public Options terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    /**
     * How often the line is drawn (while the count moves): by default 200 ms on a terminal and
     * 5 s as plain lines.
     *
     * @param interval the time between two drawings
     * @return these options
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Options interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * A progress line for {@code result}, with these options.
     *
     * @param result as in {@link ConsoleProgress#of(AsyncResult, String)}
     * @param task the name the line starts with
     * @return the line
     */
    public ConsoleProgress of(AsyncResult<?> result, String task) {
      Objects.requireNonNull(result, "result");
      ConsoleProgress line = start(result::progress, task);
      result.onProgress(line::follow);
      return line;
    }

    /**
     * A progress line for {@code results}, with these options.
     *
     * @param results the iterator of {@code imap} or {@code imapUnordered}
     * @param task the name the line starts with
     * @return the line
     */
    public ConsoleProgress of(ResultIterator<?> results, String task) {
      Objects.requireNonNull(results, "results");
      ConsoleProgress line = start(results::progress, task);
      results.onProgress(line::follow);
      return line;
    }

    private ConsoleProgress start(Supplier<Progress> source, String task) {
      Objects.requireNonNull(task, "task");
      boolean onTerminal = terminal != null ? terminal : Terminal.isAttached();
      PrintStream target = out != null ? out : System.err;
      Duration every = interval != null ? interval : Duration.ofMillis(onTerminal ? 200 : 5000);
      Progress now = source.get();
      ConsoleProgress[] line = new ConsoleProgress[1];
      DrawingThread.ensureStarted();
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(now.total()) // UNKNOWN is negative: an indefinite bar until the total is known
          .startsFrom(now.settled(), now.elapsed())
          .setUnit(" items", 1)
          .setEtaFunction(state -> line[0] == null ? Optional.empty() : line[0].eta())
          .setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, every.toMillis()))
          .setStyle(onTerminal ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
          .setConsumer(onTerminal ? new ConsoleProgressBarConsumer(target) : plainLines(target))
          .build();
      line[0] = new ConsoleProgress(bar, source, now);
      line[0].update(now);
      return line[0];
    }

    /**
     * Each drawing as a line of its own, 100 columns wide, for logs; not the same line twice
     * (progressbar draws its last state again as it closes, which on a terminal redraws nothing).
     */
    private static DelegatingProgressBarConsumer plainLines(PrintStream target) {
      Consumer<String> println = new Consumer<>() {
        private String last;

        @Override
        public void accept(String line) {
          if (!line.equals(last)) {
            target.println(line);
            last = line;
          }
        }
      };
      return new DelegatingProgressBarConsumer(println, 100);
    }
  }
}
