package io.procpool.core.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.VoidTask;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.map.StarmapPairs;
import io.procpool.core.internal.map.ValueColumn;
import java.util.List;

/** The shapes in which work travels to a worker. Each is one Kryo object. */
public final class Invocations {
  private Invocations() {}

  /** Work a worker can run. */
  public interface Invocation {
    Object invoke() throws Exception;

    /**
     * Its {@code value}, made to take at most {@code maxBytes} encoded, when as it is it takes
     * more than its worker's frame {@code limit} leaves room for; or null (the default) if it
     * cannot be, and the task fails as a whole. Only a value whose parts may fail alone can be:
     * an {@link EachItem} chunk's answers.
     */
    default Object fitted(Object value, long maxBytes, FrameLimit limit) {
      return null;
    }
  }

  public record Call(Task<?> task) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      return task.call();
    }
  }

  public record Run(VoidTask task) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      task.run();
      return null;
    }
  }

  public record Apply(TaskFunction<Object, ?> function, Object argument) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      return function.apply(argument);
    }
  }

  /**
   * One chunk of a map: the function applied to each item in order; the values as a list. Items
   * and values travel as {@link ValueColumn}s: numbers as their bytes.
   */
  public record MapChunk(TaskFunction<Object, ?> function, List<?> items) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      return ValueColumn.applyToEach(function, items);
    }
  }

  @SuppressWarnings("unchecked")
  static void registerWith(Kryo kryo) {
    RecordSerializers.register(kryo, Call.class, (k, out, call) -> k.writeClassAndObject(out, call.task()),
        (k, in) -> new Call((Task<?>) k.readClassAndObject(in)));
    RecordSerializers.register(kryo, Run.class, (k, out, run) -> k.writeClassAndObject(out, run.task()),
        (k, in) -> new Run((VoidTask) k.readClassAndObject(in)));
    RecordSerializers.register(kryo, Apply.class, (k, out, apply) -> {
      k.writeClassAndObject(out, apply.function());
      k.writeClassAndObject(out, apply.argument());
    }, (k, in) -> new Apply((TaskFunction<Object, ?>) k.readClassAndObject(in), k.readClassAndObject(in)));
    RecordSerializers.register(kryo, MapChunk.class, (k, out, chunk) -> {
      k.writeClassAndObject(out, chunk.function());
      ValueColumn.write(k, out, chunk.items());
    }, (k, in) -> new MapChunk((TaskFunction<Object, ?>) k.readClassAndObject(in), ValueColumn.read(k, in)));
    ValueColumn.registerWith(kryo);
    EachItem.registerWith(kryo);
    StarmapPairs.registerWith(kryo);
  }
}
