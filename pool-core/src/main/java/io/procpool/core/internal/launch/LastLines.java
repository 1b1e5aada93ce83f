package io.procpool.core.internal.launch;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines of a text that arrives in pieces, a worker's standard error say: bounded in
 * number and in length, as they are quoted in error messages. Thread-safe.
 */
public final class LastLines {
  private static final int LINE_CHARS = 300;

  private final int max;
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();

  /** @param max how many lines to keep */
  public LastLines(int max) {
    this.max = max;
  }

  /** Adds a piece of text; a line ends at each {@code '\n'}, and a {@code '\r'} is dropped. */
  public synchronized void append(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        endLine();
      } else if (c != '\r' && partial.length() < LINE_CHARS) {
        partial.append(c);
      }
    }
  }

  /** Ends the line in progress, if any: the text is over. */
  public synchronized void endLine() {
    if (partial.length() > 0) {
      lines.addLast(partial.toString());
      partial.setLength(0);
      if (lines.size() > max) {
        lines.removeFirst();
      }
    }
  }

  /** The lines kept, oldest first, with the line in progress last. */
  public synchronized List<String> lines() {
    if (partial.length() == 0) {
      return List.copyOf(lines);
    }
    ArrayDeque<String> all = new ArrayDeque<>(lines);
    all.addLast(partial.toString());
    if (all.size() > max) {
      all.removeFirst();
    }
    return List.copyOf(all);
  }
}
