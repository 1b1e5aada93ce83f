package io.procpool;

import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * How one item of {@link Pool#mapOutcomes} ended: with a value or with an exception.
 *
 * @param <R> the type of the value
 */
public final class Outcome<R> {
  private final R value;
  private final Throwable error;

  private Outcome(R value, Throwable error) {
    this.value = value;
    this.error = error;
  }

  /**
   * An item that returned {@code value}.
   *
   * @param <R> the type of the value
   * @param value the item's value, which may be {@code null}
   * @return a successful outcome
   */
  public static <R> Outcome<R> success(R value) {
    return new Outcome<>(value, null);
  }

  /**
   * An item that failed with {@code error}.
   *
   * @param <R> the type the value would have had
   * @param error the item's exception
   * @return a failed outcome
   * @throws NullPointerException if {@code error} is null
   */
  public static <R> Outcome<R> failure(Throwable error) {
    return new Outcome<>(null, Objects.requireNonNull(error, "error"));
  }

  /** {@return whether the item returned a value} If not, {@link #error()} says why. */
  public boolean isSuccess() {
    return error == null;
  }

  /**
   * The item's value.
   *
   * @return the value the item returned, which may be {@code null}
   * @throws CompletionException if the item failed, with its exception as the cause (as
   *     {@link java.util.concurrent.CompletableFuture#join()} does)
   */
  public R value() {
    if (error != null) {
      throw new CompletionException(error);
    }
    return value;
  }

  /**
   * The item's exception, or {@code null} if it succeeded: the task's own exception (or a
   * {@link RemoteTaskException}), a {@link WorkerDiedException}, {@link PoolTerminatedException}
   * or {@link TaskSerializationException}.
   *
   * @return the exception, or {@code null} for a successful item
   */
  public Throwable error() {
    return error;
  }

  /** Outcomes are equal when both succeeded with equal values, or both failed with the same exception. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Outcome<?> that && Objects.equals(value, that.value) && Objects.equals(error, that.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, error);
  }

  /** {@code Success[value]} or {@code Failure[exception]}. */
  @Override
  public String toString() {
    return isSuccess() ? "Success[" + value + "]" : "Failure[" + error + "]";
  }
}
