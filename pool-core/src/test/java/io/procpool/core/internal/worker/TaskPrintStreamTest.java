package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TaskPrintStreamTest {
  private static final String END = System.lineSeparator();

  /** Each write the stream hands down, as text; flushes are not writes. */
  private static final class Writes extends OutputStream {
    final List<String> seen = new ArrayList<>();

    @Override
    public void write(int b) {
      seen.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      seen.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
  }

  private static List<String> writesOf(Consumer<CapturedOutput.TaskPrintStream> printing) {
    Writes writes = new Writes();
    printing.accept(new CapturedOutput.TaskPrintStream(writes));
    return writes.seen;
  }

  @Test
  void everyPrintlnWritesItsTextAndLineEndAtOnce() {
    assertEquals(List.of("text" + END), writesOf(out -> out.println("text")));
    assertEquals(List.of("null" + END), writesOf(out -> out.println((String) null)));
    assertEquals(List.of("[1]" + END), writesOf(out -> out.println((Object) List.of(1))));
    assertEquals(List.of("chars" + END), writesOf(out -> out.println("chars".toCharArray())));
    assertEquals(List.of("true" + END), writesOf(out -> out.println(true)));
    assertEquals(List.of("c" + END), writesOf(out -> out.println('c')));
    assertEquals(List.of("42" + END), writesOf(out -> out.println(42)));
    assertEquals(List.of("42" + END), writesOf(out -> out.println(42L)));
    assertEquals(List.of("1.5" + END), writesOf(out -> out.println(1.5f)));
    assertEquals(List.of("2.5" + END), writesOf(out -> out.println(2.5d)));
    assertEquals(List.of(END), writesOf(out -> out.println()));
  }

  @Test
  void closingFlushesAndTheStreamStillPrints() {
    List<String> writes = writesOf(out -> {
      out.close();
      out.println("after close");
    });
    assertEquals(List.of("after close" + END), writes);
  }
}
