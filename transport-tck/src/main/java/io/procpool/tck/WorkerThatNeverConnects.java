package io.procpool.tck;

/**
 * The main class of a worker JVM that exits (with code 0) before it connects, as one with a bad
 * option or a failing start-up would; {@link ConnectionContract} connects to it to see that the
 * transport still ends the connection exactly once.
 */
public final class WorkerThatNeverConnects {
  private WorkerThatNeverConnects() {}

  /**
   * Returns at once.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // nothing: the JVM exits as soon as it has started
  }
}
