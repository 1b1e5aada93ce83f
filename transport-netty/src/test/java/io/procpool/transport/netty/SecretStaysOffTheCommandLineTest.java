package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.spi.Transport;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.tck.TransportTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Any user can read a process's command line with {@code ps}: the pool's secret is never on it. */
class SecretStaysOffTheCommandLineTest implements TransportTestKit {
  private final NettyTransport transport = new NettyTransport(NettyTransportOptions.defaults());

  @Override
  public Module transportModule() {
    return binder -> binder.bind(Transport.class).toInstance(transport);
  }

  @Test
  void noWorkersCommandLineOrEnvironmentHoldsTheSecret(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    long pid = pool.apply(TckTasks::pid); // at least this worker has read its ticket
    List<ProcessHandle> workers = Pools.liveWorkers();
    assertTrue(workers.stream().anyMatch(process -> process.pid() == pid), "found the worker among this JVM's descendants");

    byte[] secret = transport.secret();
    List<String> encodings = List.of(Base64.getEncoder().encodeToString(secret), HexFormat.of().formatHex(secret),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    for (ProcessHandle worker : workers) {
      String commandLine = worker.info().commandLine().orElseThrow(() -> new AssertionError("cannot read the command line of " + worker.pid()));
      assertTrue(commandLine.contains("NettyWorkerEndpoint"), commandLine);
      encodings.forEach(secretText -> assertFalse(commandLine.contains(secretText), "the secret is on the command line: " + commandLine));
      Path environ = Path.of("/proc", Long.toString(worker.pid()), "environ");
      if (Files.isReadable(environ)) { // Linux: the environment is another place a secret could leak
        String environment = new String(Files.readAllBytes(environ), StandardCharsets.ISO_8859_1);
        encodings.forEach(secretText -> assertFalse(environment.contains(secretText), "the secret is in the environment"));
      }
    }
  }
}
