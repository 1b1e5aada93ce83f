package io.procpool.bench.jmh;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.TaskFunction;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedKey;
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
 * One task's trip through the pool's code, without processes in the way: the pool encodes the
 * invocation and writes its TASK frame; the worker reads the frame, decodes, runs and encodes the
 * value into its RESULT frame; the pool reads that and decodes the value. All on one thread, so
 * an optimisation of the hot path shows here even where the machine's noise hides it in
 * {@link io.procpool.bench.PoolBenchmark}. {@code form}: a static method reference with its
 * argument, or a lambda that captures its value (the two forms users write).
 *
 * <p>Run: {@code bash bench/jmh.sh} (or with JMH's options, e.g. {@code bash bench/jmh.sh -f 1 -wi 3 -i 5}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {
  @Param({"methodReference", "capturingLambda"})
  public String form;

  private final TaskFactory tasks = new TaskFactory();
  private final Output poolOut = new Output(256, -1);
  private final Output workerOut = new Output(256, -1);
  private final Input poolIn = new Input();
  private final Input workerIn = new Input();
  private final Worker worker = new Worker();
  private final Pool pool = new Pool();
  private List<Integer> chunk;
  private int next;

  static Object noop(Object x) {
    return x;
  }

  @Setup
  public void setUp() {
    chunk = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      chunk.add(i);
    }
  }

  /** One apply: the task there, its value back. */
  @Benchmark
  public Object applyRoundTrip() throws Exception {
    int value = next++;
    Invocation invocation = form.equals("methodReference")
        ? new Apply(function(), value)
        : new Apply(x -> value, null);
    return roundTrip(invocation);
  }

  /** One map chunk of 100 items: the chunk there, its 100 values back. */
  @Benchmark
  public Object mapChunkOf100RoundTrip() throws Exception {
    int offset = next++;
    TaskFunction<Object, ?> function = form.equals("methodReference")
        ? function() : x -> (Integer) x + offset;
    return roundTrip(new MapChunk(function, chunk));
  }

  private static TaskFunction<Object, ?> function() {
    return HotPathBenchmark::noop;
  }

  private Object roundTrip(Invocation invocation) throws Exception {
    PendingTask task = tasks.create(invocation);
    poolOut.reset();
    Wire.writeTask(poolOut, 1, task.invocation, false);
    Wire.readFromPool(poolOut.toBytes(), workerIn, worker);
    workerOut.reset();
    Object value = ((Invocation) KryoCodec.get().decode(worker.invocation, "the task")).invoke();
    Wire.writeOutcome(workerOut, Wire.RESULT, 1, 1_000, KryoCodec.get().encode(value, "the task's result"));
    Wire.readFromWorker(workerOut.toBytes(), poolIn, "PoolWorker-1", pool);
    return KryoCodec.get().decode(pool.payload, "the task's result");
  }

  /** The worker's reader: keeps the task's bytes (MapPathBenchmark reads with it too). */
  static final class Worker implements Wire.FromPool {
    byte[] invocation;

    @Override public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {
      this.invocation = invocation;
    }
    @Override public void initializer(byte[] initializer) {}
    @Override public void cancel(long id) {}
    @Override public void share(SharedKey key, byte[] value) {}
    @Override public void unshare(SharedKey key) {}
  }

  /** The pool's reader: keeps the answer's bytes (MapPathBenchmark reads with it too). */
  static final class Pool implements Wire.FromWorker {
    byte[] payload;

    @Override public void hello(long pid, String name, boolean runsTasksHere) {}
    @Override public void outcome(byte kind, long id, long nanos, byte[] payload) {
      this.payload = payload;
    }
    @Override public void output(byte stream, byte[] text) {}
    @Override public void initializerFailed(byte[] exception) {}
    @Override public void retiring() {}
    @Override public void cancelled(long id, boolean skipped) {}
  }
}
