package io.procpool.core.internal.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A worker process's standard descriptors as it takes them over at start, before any user code
 * runs: the real stdout, kept private for the transport; the real stderr, kept private for the
 * worker's own last words (which must get out even when the connection is broken); and, where
 * the JDK's descriptor calls can be reached, descriptors 1 and 2 redirected into pipes the worker carries to
 * the pool ({@link RedirectedDescriptors}). Without that, {@code redirected} is null, and
 * {@code unavailable} says why, unless the user turned it off.
 */
record StandardDescriptors(OutputStream realStdout, PrintStream realStderr, RedirectedDescriptors redirected,
    String unavailable) {

  /** Turns the redirection off ({@code -Dprocpool.worker.redirectDescriptors=false}), as where it cannot work. */
  static final String REDIRECT_PROPERTY = "procpool.worker.redirectDescriptors";

  static StandardDescriptors takeOver() throws IOException {
    boolean wanted = Boolean.parseBoolean(System.getProperty(REDIRECT_PROPERTY, "true"));
    String unavailable = wanted ? JdkDescriptors.load() : null;
    if (!wanted || unavailable != null) {
      return new StandardDescriptors(new FileOutputStream(FileDescriptor.out),
          new PrintStream(new FileOutputStream(FileDescriptor.err), true), null, unavailable);
    }
    // Private copies first: once 1 and 2 are redirected, what they were is reachable only through these.
    OutputStream realStdout = new FileOutputStream(JdkDescriptors.copyOf(1));
    PrintStream realStderr = new PrintStream(new FileOutputStream(JdkDescriptors.copyOf(2)), true);
    return new StandardDescriptors(realStdout, realStderr, RedirectedDescriptors.install(), null);
  }
}
