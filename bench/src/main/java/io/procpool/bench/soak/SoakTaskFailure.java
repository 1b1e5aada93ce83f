package io.procpool.bench.soak;

/**
 * The exception a {@link SoakTask.Kind#THROW} task throws on purpose. It carries the task's id,
 * so that even among imapUnordered's failures, which come without an item, it names its task.
 */
public final class SoakTaskFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final long taskId;

  public SoakTaskFailure(long taskId) {
    super("soak task " + taskId + " failed on purpose");
    this.taskId = taskId;
  }

  public long taskId() {
    return taskId;
  }
}
