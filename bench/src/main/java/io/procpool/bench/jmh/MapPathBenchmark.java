package io.procpool.bench.jmh;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.TaskFunction;
import io.procpool.core.internal.map.MapChunks;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.Outcomes;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole {@code map} of {@code items} numbers through the pool's code, without processes: the
 * list built (as PoolBenchmark times it), cut into the default 8 chunks of 2 workers, each chunk's
 * TASK frame written and read, decoded, run and its RESULT encoded as a worker does, read and
 * completed as the pool does, the values joined into the map's list, and then {@code read}: the
 * last value (as PoolBenchmark checks) or every value. All on one thread.
 *
 * <p>Run (after {@code mvn -pl bench -am package}): {@code java -cp "$(ls bench/target/bench-*.jar):$(cat
 * bench/target/classpath.txt)" org.openjdk.jmh.Main MapPathBenchmark [-prof gc]} warmed; cold, each
 * fork's first map only: add {@code -bm ss -wi 0 -i 1 -f 10}; another collector: {@code -jvmArgsAppend
 * -XX:+UseSerialGC}. ({@code bench/jmh.sh} runs HotPathBenchmark as well.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MapPathBenchmark {
  @Param({"1000000"})
  public int items;

  @Param({"last", "all"})
  public String read;

  private final TaskFactory tasks = new TaskFactory();
  private final Output poolOut = new Output(256, -1);
  private final Output workerOut = new Output(256, -1);
  private final Input poolIn = new Input();
  private final Input workerIn = new Input();
  private final HotPathBenchmark.Worker worker = new HotPathBenchmark.Worker();
  private final HotPathBenchmark.Pool pool = new HotPathBenchmark.Pool();

  /** One default chunk (125k items) as the pool encoded it, for {@link #workerSide}. */
  private byte[] chunkTask;

  static Object noop(Object x) {
    return x;
  }

  @Setup
  public void encodeOneChunk() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < MapChunks.defaultChunksize(items, 2); i++) {
      list.add(i);
    }
    chunkTask = MapChunks.tasks(tasks, MapPathBenchmark::noop, list, list.size()).get(0).invocation;
  }

  /** A worker's part of one chunk: decode the task, run it, encode the answer. */
  @Benchmark
  public byte[] workerSide() throws Exception {
    Object value = ((Invocation) KryoCodec.get().decode(chunkTask, "the task")).invoke();
    return KryoCodec.get().encode(value, "the task's result");
  }

  @Benchmark
  public long map() throws Exception {
    List<Integer> list = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      list.add(i);
    }
    TaskFunction<Object, ?> function = MapPathBenchmark::noop;
    List<PendingTask> chunks = MapChunks.tasks(tasks, function, list, MapChunks.defaultChunksize(items, 2));
    var all = MapChunks.<Integer>join(chunks, ItemProgress.of(null, items));
    for (PendingTask chunk : chunks) {
      poolOut.reset();
      Wire.writeTask(poolOut, 1, chunk.invocation, false);
      Wire.readFromPool(poolOut.toBytes(), workerIn, worker);
      Object value = ((Invocation) KryoCodec.get().decode(worker.invocation, "the task")).invoke();
      workerOut.reset();
      Wire.writeOutcome(workerOut, Wire.RESULT, 1, 1_000, KryoCodec.get().encode(value, "the task's result"));
      Wire.readFromWorker(workerOut.toBytes(), poolIn, "PoolWorker-1", pool);
      Outcomes.complete(chunk, true, pool.payload);
    }
    List<Integer> out = all.join();
    if (read.equals("last")) {
      return out.get(out.size() - 1);
    }
    long sum = 0;
    for (Integer value : out) {
      sum += value;
    }
    return sum;
  }
}
