package io.procpool;

/**
 * A value sent to each worker once, for tasks to read: made by {@link Pool#share(Object)}, and
 * captured by a task's lambda or passed as its argument. However many tasks and calls use it, a
 * worker receives it once and decodes it once, and its tasks share that one copy, as Spark's
 * broadcast variables or Ray's {@code ray.put} do.
 *
 * <p>The value is serialized when the handle is made: changing the object afterwards changes
 * nothing the workers see; share it again for that. Tasks read it; a task that changes its
 * worker's copy changes it for the tasks that worker runs later, so treat it as read-only.
 *
 * <p>Large values a lambda captures directly are shared as well within one call (every chunk
 * and item of one {@code map} or {@code imap} refers to one copy per worker); a handle also
 * spares re-serializing the value for each {@code apply}.
 *
 * @param <T> the value's type
 */
public interface Shared<T> {
  /**
   * {@return the value: in the pool's process, the object that was shared; in a worker, that
   * worker's copy of it}
   */
  T get();
}
