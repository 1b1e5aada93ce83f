package io.procpool.tck;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Tasks and values of the fault matrix (docs/faults.md): ones that break the worker's JVM, its
 * decoder or its encoder. The collections below rely on Kryo's collection serializer, which
 * builds a collection on reading with its no-argument constructor and walks it on writing.
 */
public final class FaultTasks {
  /** The exit code of a worker halted while it decoded an argument. */
  public static final int HALTED_DECODING = 13;
  /** The exit code of a worker halted while it encoded a result. */
  public static final int HALTED_ENCODING = 14;

  private FaultTasks() {}

  public static int recurseForever(int depth) {
    return recurseForever(depth + 1) + 1;
  }

  /** Asks for more memory than any heap here has (16 GiB in one array): an OutOfMemoryError. */
  public static int allocateMoreThanTheHeap() {
    long[] huge = new long[Integer.MAX_VALUE - 8];
    return huge.length;
  }

  /** An exception that cannot travel: it holds a thread. */
  public static final class HoldsAThreadException extends RuntimeException {
    private static final long serialVersionUID = 1;
    @SuppressWarnings({"unused", "serial"})
    private final Thread thread;

    HoldsAThreadException(Thread thread) {
      super("holds " + thread.getName());
      this.thread = thread;
    }
  }

  public static Object throwHoldingAThread() {
    throw new HoldsAThreadException(Thread.currentThread());
  }

  /** An argument whose decoding throws: its no-argument constructor, which Kryo calls, refuses. */
  public static final class RefusesToBeRebuilt extends ArrayList<Integer> {
    private static final long serialVersionUID = 1;

    public RefusesToBeRebuilt() {
      throw new IllegalStateException("RefusesToBeRebuilt will not be rebuilt");
    }

    RefusesToBeRebuilt(int first) {
      super(List.of(first));
    }
  }

  public static RefusesToBeRebuilt refusesToBeRebuilt(int first) {
    return new RefusesToBeRebuilt(first);
  }

  /** An argument whose decoding halts the worker, as a crash in a decoder would. */
  public static final class HaltsWhenRebuilt extends ArrayList<Integer> {
    private static final long serialVersionUID = 1;

    public HaltsWhenRebuilt() {
      System.err.println("HaltsWhenRebuilt: halting the worker while it decodes");
      Runtime.getRuntime().halt(HALTED_DECODING);
    }

    HaltsWhenRebuilt(int first) {
      super(List.of(first));
    }
  }

  public static HaltsWhenRebuilt haltsWhenRebuilt(int first) {
    return new HaltsWhenRebuilt(first);
  }

  /** A result whose encoding halts the worker: Kryo asks its size when it writes it. */
  public static final class HaltsWhenSent extends ArrayList<Integer> {
    private static final long serialVersionUID = 1;

    HaltsWhenSent() {
      super(List.of(1));
    }

    @Override
    public int size() {
      System.err.println("HaltsWhenSent: halting the worker while it encodes");
      Runtime.getRuntime().halt(HALTED_ENCODING);
      return 0;
    }
  }

  public static List<Integer> haltsWhenSent() {
    return new HaltsWhenSent();
  }

  public static int sizeOf(List<?> list) {
    return list.size();
  }

  public static String describe(Object value) {
    return String.valueOf(value);
  }

  /** Appends a line to {@code log}, says so on standard error, then halts the worker with {@code exitCode}. */
  public static Object recordThenHalt(Path log, int exitCode) throws IOException {
    Files.writeString(log, "ran\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.err.println("recordThenHalt: halting the worker with exit code " + exitCode);
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /** Records that it began, in {@code marker}, then sleeps: a task a test can see running. */
  public static int recordThenSleep(Path marker, long millis) throws IOException, InterruptedException {
    Files.writeString(marker, "began\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Thread.sleep(millis);
    return 1;
  }

  /** Prints, closes System.out as some libraries do, and prints again. */
  public static int printCloseSystemOutAndPrint(String before, String after) {
    System.out.println(before);
    System.out.close();
    System.out.println(after);
    return 1;
  }

  /** Sleeps, then halts the worker with {@code exitCode}. */
  public static Object haltAfter(long millis, int exitCode) throws InterruptedException {
    Thread.sleep(millis);
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /** Spins on the CPU until the worker is ended. */
  public static long spinForever() {
    long n = 0;
    while (!Thread.currentThread().isInterrupted()) {
      n += System.nanoTime() & 1;
    }
    return n;
  }

  /**
   * An instance of a class compiled now into {@code directory} and loaded from there only: no
   * worker's class path has it.
   */
  public static Object instanceOfAClassOnlyThisJvmHas(Path directory) throws Exception {
    Path source = directory.resolve("procpool/parentonly/OnlyInTheParent.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package procpool.parentonly;\n"
        + "public class OnlyInTheParent { public String label = \"only here\"; }\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null || javac.run(null, null, null, "-d", directory.toString(), source.toString()) != 0) {
      throw new IllegalStateException("cannot compile " + source + ": the kit needs a JDK");
    }
    URLClassLoader loader = new URLClassLoader(new java.net.URL[] {directory.toUri().toURL()},
        FaultTasks.class.getClassLoader());
    return loader.loadClass("procpool.parentonly.OnlyInTheParent").getConstructor().newInstance();
  }
}
