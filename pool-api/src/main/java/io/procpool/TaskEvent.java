package io.procpool;

/**
 * One step in the life of a task, as told to a {@link PoolListener}.
 *
 * @param taskId the pool's number for the task, unique within the pool
 * @param workerName the worker that runs or ran it, or {@code null} when it has none yet (on
 *     submission, or a failure before it reached a worker)
 * @param items how many items the task covers: the chunk size for a map chunk, 1 otherwise
 */
public record TaskEvent(long taskId, String workerName, int items) {}
