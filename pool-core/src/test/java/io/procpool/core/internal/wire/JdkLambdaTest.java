package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.function.Function;
import io.procpool.TaskSerializationException;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own serializable lambdas stay refused in the pool, where a worker could not rebuild
 * them, although an application module's lambdas travel by Java serialization's way to their
 * form (that side is {@code ModulePathTest} in frameworks-it, on a real module path).
 */
class JdkLambdaTest {
  @Test
  void aSerializableLambdaDeclaredInTheJdkIsRefusedBeforeItIsSent() {
    Comparator<String> byLength = Comparator.comparing((Function<String, Integer> & Serializable) String::length);
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().encode(byLength, "the task's argument"));
    assertTrue(error.getMessage().contains("is not serializable") || error.getMessage().contains("cannot be serialized"),
        error.getMessage());
  }
}
