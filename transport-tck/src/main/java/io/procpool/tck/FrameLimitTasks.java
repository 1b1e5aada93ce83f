package io.procpool.tck;

import java.io.IOException;
import java.util.Arrays;

/**
 * What {@link FrameLimitContract}'s tasks do in the workers: make their large values, output and
 * exceptions there, so that only a few numbers travel to them.
 */
public final class FrameLimitTasks {
  private FrameLimitTasks() {}

  /**
   * Writes {@code rawBytes} bytes 'r' to descriptor 1, behind System.out's back, then returns {@code resultBytes} bytes.
   *
   * @param rawBytes how many bytes to write past {@code System.out}
   * @param resultBytes the size of the result
   * @return an array of {@code resultBytes} bytes
   * @throws IOException if descriptor 1 cannot be written
   */
  public static byte[] writeRawAndReturn(int rawBytes, int resultBytes) throws IOException {
    byte[] raw = new byte[rawBytes];
    Arrays.fill(raw, (byte) 'r');
    TckTasks.writeToDescriptorOne(raw);
    return TckTasks.bytesOf(resultBytes);
  }

  /**
   * Prints {@code chars} 'j' through System.out, without a line break (so that only the answer
   * flushes the last of it), then returns {@code resultBytes} bytes.
   *
   * @param chars how many characters to print
   * @param resultBytes the size of the result
   * @return an array of {@code resultBytes} bytes
   */
  public static byte[] printAndReturn(int chars, int resultBytes) {
    System.out.print("j".repeat(chars));
    return TckTasks.bytesOf(resultBytes);
  }

  /**
   * Throws an exception whose message has {@code chars} characters.
   *
   * @param chars the length of the message
   * @return nothing, as it never returns
   */
  public static Object throwWithMessageOf(int chars) {
    throw new IllegalStateException("m".repeat(chars));
  }
}
