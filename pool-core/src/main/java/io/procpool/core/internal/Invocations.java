package io.procpool.core.internal;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.VoidTask;
import java.util.ArrayList;
import java.util.List;

/** The shapes in which work travels to a worker. Each is one Kryo object. */
final class Invocations {
  private Invocations() {}

  /** Work a worker can run. */
  interface Invocation {
    Object invoke() throws Exception;
  }

  record Call(Task<?> task) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      return task.call();
    }
  }

  record Run(VoidTask task) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      task.run();
      return null;
    }
  }

  record Apply(TaskFunction<Object, ?> function, Object argument) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      return function.apply(argument);
    }
  }

  /** One chunk of a map: the function applied to each item in order; the values as a list. */
  record MapChunk(TaskFunction<Object, ?> function, List<?> items) implements Invocation {
    @Override
    public Object invoke() throws Exception {
      List<Object> values = new ArrayList<>(items.size());
      for (Object item : items) {
        values.add(function.apply(item));
      }
      return values;
    }
  }

  static void registerWith(Kryo kryo) {
    kryo.register(Call.class);
    kryo.register(Run.class);
    kryo.register(Apply.class);
    kryo.register(MapChunk.class);
    EachItem.registerWith(kryo);
    StarmapPairs.registerWith(kryo);
  }
}
