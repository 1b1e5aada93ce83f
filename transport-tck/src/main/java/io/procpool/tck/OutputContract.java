package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What tasks print reaches this process's standard streams, whole and before the result. */
public interface OutputContract extends TransportTestKit {

  @Test
  default void printingFromATaskDoesNotDisturbItsResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    for (int i = 0; i < 50; i++) {
      int value = i;
      assertEquals(value, pool.apply(() -> TckTasks.printAndReturn("line " + value, value)));
    }
  }

  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void printedTextReachesStdoutAndStderrBeforeTheResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0); // the worker is up
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    try {
      for (int i = 0; i < 5; i++) {
        int value = i;
        pool.apply(() -> TckTasks.printAndReturn("hello " + value, value));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hello " + value), "printed before result " + value);
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    assertEquals("hello 0\nhello 1\nhello 2\nhello 3\nhello 4\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    assertEquals("err:hello 0\nerr:hello 1\nerr:hello 2\nerr:hello 3\nerr:hello 4\n",
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }
}
