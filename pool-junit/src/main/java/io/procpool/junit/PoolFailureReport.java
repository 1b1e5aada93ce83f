package io.procpool.junit;

import io.procpool.Pool;
import io.procpool.junit.internal.WorkerReport;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.opentest4j.TestAbortedException;

/**
 * What {@link PoolExtension} adds to a failing test, for code that manages its pools itself (another
 * extension, a test kit): each live worker's last lines of standard error, how many workers died,
 * and the workers whose death the failure reports.
 */
public final class PoolFailureReport {
  private PoolFailureReport() {}

  /**
   * Adds the report on {@code pools} to {@code failure}, as a suppressed exception whose message
   * it is, so that test reports print it under the failure. An aborted test (a failed
   * assumption) gets none.
   *
   * @param <T> the failure's type
   * @param failure what the test threw
   * @param pools the pools the test used
   * @return {@code failure}, to rethrow
   */
  public static <T extends Throwable> T attachTo(T failure, Collection<? extends Pool> pools) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    String report = describe(failure, pools);
    if (report != null) {
      failure.addSuppressed(new WorkerReport.WorkersAtFailure(report));
    }
    return failure;
  }

  /**
   * The report on {@code pools} for {@code failure}.
   *
   * @param failure what the test threw
   * @param pools the pools the test used
   * @return the report, or null if there is nothing to say (no pools, and no worker died)
   */
  public static String describe(Throwable failure, Collection<? extends Pool> pools) {
    return WorkerReport.describe(List.copyOf(pools), Objects.requireNonNull(failure, "failure"));
  }
}
