package io.procpool.cluster.internal;

import java.util.List;
import java.util.Map;

/** Launch request bodies as procpool wrote them before the code server's pin: for tests of version skew. */
public final class OlderLayout {
  private OlderLayout() {}

  /** {@return a launch body of the older layout: the worker's name, then the main class} */
  public static byte[] launch(String workerName) {
    return new Body.Writer().string(workerName).string("io.procpool.Main").strings(List.of()).string("http://127.0.0.1:1")
        .string("token").strings(List.of()).map(Map.of()).map(Map.of()).bytes(new byte[0]).toBytes();
  }
}
