package io.procpool.tck;

/**
 * The main class of a worker JVM that starts and then waits, never connecting, until the kit
 * kills it (or two minutes pass, so that a kit that failed to kill it leaves nothing for long):
 * {@link ImpostorContract} keeps a worker's door open with it, for a stranger to knock on.
 */
public final class WorkerThatWaits {
  private WorkerThatWaits() {}

  /**
   * Sleeps for two minutes.
   *
   * @param args ignored
   * @throws InterruptedException if the sleep is interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(120_000);
  }
}
