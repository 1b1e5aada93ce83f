package io.procpool;

import java.io.Serializable;

/**
 * A task that returns nothing, such as {@code pool.apply(Work::printReport)}. Its result is
 * {@code null} once it has run.
 */
@FunctionalInterface
public interface VoidTask extends Serializable {
  void run() throws Exception;
}
