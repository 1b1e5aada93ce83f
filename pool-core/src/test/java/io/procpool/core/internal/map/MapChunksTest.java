package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
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
    var all = MapChunks.<Integer>join(chunks);
    chunks.get(2).result.complete(List.of(30));
    chunks.get(0).result.complete(List.of(10));
    chunks.get(1).result.complete(List.of(20));
    assertEquals(List.of(10, 20, 30), all.get());
  }
}
