package io.procpool.core.internal.map;

import com.esotericsoftware.kryo.Kryo;
import io.procpool.TaskBiFunction;
import io.procpool.TaskFunction;
import io.procpool.core.internal.wire.RecordSerializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * starmap as a map: each {@link Map.Entry} becomes a {@link Pair}, which the worker spreads into
 * the function's two arguments. The entries are copied because the JDK's own ({@code Map.entry},
 * a {@code HashMap}'s) keep their fields where Kryo may not reach them on Java 17.
 */
public final class StarmapPairs {
  private StarmapPairs() {}

  /** The two arguments of one call. */
  public record Pair(Object first, Object second) {}

  /** Calls a two-argument function with a pair's two halves. */
  public record Spread(TaskBiFunction<Object, Object, ?> function) implements TaskFunction<Pair, Object> {
    @Override
    public Object apply(Pair pair) throws Exception {
      return function.apply(pair.first(), pair.second());
    }
  }

  /** @throws NullPointerException naming the position of a null pair */
  public static List<Pair> toPairs(Iterable<? extends Map.Entry<?, ?>> entries) {
    Objects.requireNonNull(entries, "pairs");
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<?, ?> entry : entries) {
      if (entry == null) {
        throw new NullPointerException("pair " + pairs.size() + " is null; its key and value may be, not the pair");
      }
      pairs.add(new Pair(entry.getKey(), entry.getValue()));
    }
    return pairs;
  }

  /** {@code function} as a map's function of pairs. */
  @SuppressWarnings("unchecked")
  public static <R> TaskFunction<Pair, R> spread(TaskBiFunction<?, ?, R> function) {
    Objects.requireNonNull(function, "function");
    return (TaskFunction<Pair, R>) (TaskFunction<Pair, ?>) new Spread((TaskBiFunction<Object, Object, ?>) function);
  }

  @SuppressWarnings("unchecked")
  public static void registerWith(Kryo kryo) {
    RecordSerializers.register(kryo, Pair.class, (k, out, pair) -> {
      k.writeClassAndObject(out, pair.first());
      k.writeClassAndObject(out, pair.second());
    }, (k, in) -> new Pair(k.readClassAndObject(in), k.readClassAndObject(in)));
    RecordSerializers.register(kryo, Spread.class, (k, out, spread) -> k.writeClassAndObject(out, spread.function()),
        (k, in) -> new Spread((TaskBiFunction<Object, Object, ?>) k.readClassAndObject(in)));
  }
}
