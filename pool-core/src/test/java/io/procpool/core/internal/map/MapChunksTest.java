package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Progress;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapChunksTest {
  /** Python: chunksize, extra = divmod(len(iterable), len(pool) * 4); if extra: chunksize += 1. */
  @Test
  void defaultChunksizeFollowsPythonsRule() {
    assertEquals(1, MapChunks.defaultChunksize(10, 4));
    assertEquals(125_000, MapChunks.defaultChunksize(1_000_000, 2));
    assertEquals(3, MapChunks.defaultChunksize(17, 2));
    assertEquals(4, MapChunks.defaultChunksize(16, 1));
    assertEquals(1, MapChunks.defaultChunksize(0, 2));
  }

  @Test
  void tasksCoverEveryItemInOrder() {
    List<PendingTask> chunks = MapChunks.tasks(new TaskFactory(), (Integer x) -> x, List.of(1, 2, 3, 4, 5), 2);
    assertEquals(3, chunks.size());
  }

  @Test
  void joinConcatenatesInChunkOrderWhateverOrderTheyFinish() throws Exception {
    List<PendingTask> chunks = MapChunks.tasks(new TaskFactory(), (Integer x) -> x, List.of(1, 2, 3), 1);
    var all = MapChunks.<Integer>join(chunks, ItemProgress.of(null, 3));
    chunks.get(2).result.complete(List.of(30));
    chunks.get(0).result.complete(List.of(10));
    chunks.get(1).result.complete(List.of(20));
    assertEquals(List.of(10, 20, 30), all.get());
  }

  @Test
  void joinCountsEachChunkAsItSettlesBeforeTheMapIsDone() {
    List<PendingTask> chunks = MapChunks.tasks(new TaskFactory(), (Integer x) -> x, List.of(1, 2, 3, 4, 5), 2);
    ItemProgress progress = ItemProgress.of(null, 5);
    var all = MapChunks.<Integer>join(chunks, progress);
    all.thenRun(() -> assertTrue(progress.snapshot().finished(), "counted before the map completes"));
    chunks.get(1).result.complete(List.of(3, 4));
    assertEquals(List.of(2L, 0L, 5L), counts(progress.snapshot()));
    chunks.get(0).result.complete(List.of(1, 2));
    chunks.get(2).result.complete(List.of(5));
    assertEquals(List.of(5L, 0L, 5L), counts(progress.snapshot()));
    assertTrue(all.isDone() && !all.isCompletedExceptionally());
  }

  @Test
  void aFailedChunkEndsTheProgressWithEveryItemNotDoneFailedBeforeTheMapFails() {
    List<PendingTask> chunks = MapChunks.tasks(new TaskFactory(), (Integer x) -> x, List.of(1, 2, 3, 4, 5), 2);
    ItemProgress progress = ItemProgress.of(null, 5);
    var all = MapChunks.<Integer>join(chunks, progress);
    List<Progress> whenFailed = new ArrayList<>();
    all.whenComplete((value, error) -> whenFailed.add(progress.snapshot()));
    chunks.get(0).result.complete(List.of(1, 2));
    chunks.get(1).result.completeExceptionally(new IllegalStateException("chunk failed (expected by the test)"));
    assertEquals(List.of(2L, 3L, 5L), counts(whenFailed.get(0)));
    chunks.get(2).result.complete(List.of(5)); // settles after the map failed: the progress stays final
    assertEquals(List.of(2L, 3L, 5L), counts(progress.snapshot()));
    assertTrue(progress.snapshot().finished());
  }

  private static List<Long> counts(Progress progress) {
    return List.of(progress.done(), progress.failed(), progress.total());
  }
}
