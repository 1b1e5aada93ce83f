package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.launch.WorkerJvmOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The JDK's descriptor calls, in a JVM started with the worker's option (a child of this test) and
 * in this one, which has not got it: there {@link JdkDescriptors#load} says what is missing.
 */
@DisabledOnOs(OS.WINDOWS)
class JdkDescriptorsTest {
  @Test
  void withoutTheWorkersOptionTheCallsAreOutOfReachAndTheReasonNamesIt() {
    String reason = JdkDescriptors.load();
    assertTrue(reason != null && reason.contains(WorkerJvmOptions.OPENS_NIO) && reason.contains("sun.nio.ch"), reason);
  }

  @Test
  void withItAWriteToDescriptorOneLandsInThePipeAndTheCopyStillReachesTheOldOne() throws Exception {
    String out = WorkerLikeJvm.run(Redirector.class);
    assertEquals("through the copy\ncaught: written to descriptor 1\n", out);
  }

  /** Run in a child JVM: moves its descriptor 1 into a pipe, writes to it, and reports through a copy of the old one. */
  static final class Redirector {
    public static void main(String[] args) throws IOException {
      WorkerLikeJvm.loadDescriptorCalls();
      java.io.FileOutputStream copy = new java.io.FileOutputStream(JdkDescriptors.copyOf(1));
      Pipe pipe = Pipe.open();
      JdkDescriptors.copyOnto(JdkDescriptors.numberOf(pipe.sink()), 1);
      pipe.sink().close();
      java.io.FileOutputStream fd1 = new java.io.FileOutputStream(java.io.FileDescriptor.out);
      fd1.write("written to descriptor 1\n".getBytes(StandardCharsets.UTF_8));
      copy.write("through the copy\n".getBytes(StandardCharsets.UTF_8));
      ByteBuffer read = ByteBuffer.allocate(100);
      pipe.source().read(read);
      copy.write(("caught: " + new String(read.array(), 0, read.position(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      copy.flush();
    }
  }
}
