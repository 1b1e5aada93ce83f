package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.tck.DecoderFuzz;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipe's reader, as {@link PipesConnection} runs it (the preamble, then frames to the end),
 * fed random bytes, cut streams and lying lengths: it ends cleanly or with an IOException, never
 * with an OutOfMemoryError or a hang, at the transport's default limit of 256 MiB.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipeFramesFuzzTest {

  private static byte[] validStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(PipeFrames.PREAMBLE);
    PipeFrames.writeFrame(out, new byte[] {16, 2, 1, 2, 3});
    PipeFrames.writeFrame(out, new byte[0]);
    PipeFrames.writeFrame(out, "a frame of text".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void readAll(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    PipeFrames.readPreamble(in, "worker F", line -> { });
    while (PipeFrames.readFrame(in, PipesTransportModule.DEFAULT_MAX_FRAME_BYTES, "worker F") != null) {
      // frames of any content are the core's to judge
    }
  }

  @Test
  void pipeReaderEndsCleanlyOrWithAnIOExceptionWhateverItReads() throws Exception {
    byte[] valid = validStream();
    readAll(valid); // the seed itself is well formed
    int inputs = DecoderFuzz.of("pipes' frame reader", PipeFramesFuzzTest::readAll)
        .seeds(valid)
        .allowing(IOException.class)
        .run();
    assertTrue(inputs > valid.length, "only " + inputs + " inputs");
  }
}
