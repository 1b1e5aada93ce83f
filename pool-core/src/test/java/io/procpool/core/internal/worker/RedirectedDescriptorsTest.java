package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.core.internal.wire.Wire;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What the runner's drain finds in the pipes behind descriptors 1 and 2, in a child JVM whose
 * descriptors are redirected as a worker's are: nothing when nothing was written, every byte
 * written before the drain, stdout first, and a descriptor closed by user code seen as closed,
 * while the other keeps working.
 */
@DisabledOnOs(OS.WINDOWS)
class RedirectedDescriptorsTest {
  @Test
  void aDrainFindsWhatWasWrittenBeforeItAndNothingElse() throws Exception {
    String out = WorkerLikeJvm.run(Drains.class);
    assertEquals("""
        nothing written: []
        both written: [out:to 1, err:to 2]
        after both are read: []
        1 closed, 2 written: [err:still 2]
        then: []
        """, out);
  }

  /** Run in a child JVM: redirects 1 and 2 as a worker does, writes to them, drains, and reports through a copy of the old 1. */
  static final class Drains {
    public static void main(String[] args) throws IOException {
      WorkerLikeJvm.loadDescriptorCalls();
      FileOutputStream report = new FileOutputStream(JdkDescriptors.copyOf(1));
      JdkDescriptors.copyOf(2); // as the worker keeps one of each
      RedirectedDescriptors descriptors = RedirectedDescriptors.install();
      FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
      FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err);
      say(report, "nothing written", descriptors);
      fd1.write("to 1".getBytes(StandardCharsets.UTF_8));
      fd2.write("to 2".getBytes(StandardCharsets.UTF_8));
      say(report, "both written", descriptors);
      say(report, "after both are read", descriptors);
      fd1.close(); // the only writer of the stdout pipe: it reads as ended
      fd2.write("still 2".getBytes(StandardCharsets.UTF_8));
      say(report, "1 closed, 2 written", descriptors);
      say(report, "then", descriptors);
      report.flush();
    }

    private static void say(FileOutputStream report, String after, RedirectedDescriptors descriptors) throws IOException {
      StringBuilder found = new StringBuilder();
      descriptors.drain((stream, bytes, length) -> found.append(found.length() == 0 ? "" : ", ")
          .append(stream == Wire.STDOUT ? "out:" : "err:").append(new String(bytes, 0, length, StandardCharsets.UTF_8)));
      report.write((after + ": [" + found + "]\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
