/**
 * What users program against: {@link io.procpool.Pool} and its {@link io.procpool.AsyncResult}s and
 * {@link io.procpool.ResultIterator}s, the task types ({@link io.procpool.Task},
 * {@link io.procpool.TaskFunction}, {@link io.procpool.VoidTask}), {@link io.procpool.CurrentProcess}
 * and the exceptions a task's result fails with. A pool is built by {@code io.procpool.core.ProcessPool}.
 */
package io.procpool;
