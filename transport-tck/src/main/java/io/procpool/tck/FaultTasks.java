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

  /**
   * Calls itself until the worker's stack overflows: a {@code StackOverflowError} in the task.
   *
   * @param depth how deep the recursion is so far
   * @return nothing, as it never returns
   */
  public static int recurseForever(int depth) {
    return recurseForever(depth + 1) + 1;
  }

  /**
   * Asks for more memory than any heap here has (16 GiB in one array): an OutOfMemoryError.
   *
   * @return nothing, as it never returns
   */
  public static int allocateMoreThanTheHeap() {
    long[] huge = new long[Integer.MAX_VALUE - 8];
    return huge.length;
  }

  /** An exception that cannot travel: it holds a thread. */
  public static final class HoldsAThreadException extends RuntimeException {
    private static final long serialVersionUID = 1;
    /** The thread held, which no serializer can send. */
    @SuppressWarnings({"unused", "serial"})
    private final Thread thread;

    HoldsAThreadException(Thread thread) {
      super("holds " + thread.getName());
      this.thread = thread;
    }
  }

  /**
   * Throws a {@link HoldsAThreadException}: an exception the worker cannot send back as itself.
   *
   * @return nothing, as it never returns
   */
  public static Object throwHoldingAThread() {
    throw new HoldsAThreadException(Thread.currentThread());
  }

  /** An argument whose decoding throws: its no-argument constructor, which Kryo calls, refuses. */
  public static final class RefusesToBeRebuilt extends ArrayList<Integer> {
    private static final long serialVersionUID = 1;

    /** Refuses, with an {@code IllegalStateException}: what Kryo calls when it decodes the list. */
    public RefusesToBeRebuilt() {
      throw new IllegalStateException("RefusesToBeRebuilt will not be rebuilt");
    }

    RefusesToBeRebuilt(int first) {
      super(List.of(first));
    }
  }

  /**
   * An argument whose decoding in the worker throws.
   *
   * @param first the list's one element
   * @return a list that cannot be rebuilt
   */
  public static RefusesToBeRebuilt refusesToBeRebuilt(int first) {
    return new RefusesToBeRebuilt(first);
  }

  /** An argument whose decoding halts the worker, as a crash in a decoder would. */
  public static final class HaltsWhenRebuilt extends ArrayList<Integer> {
    private static final long serialVersionUID = 1;

    /**
     * Halts the worker with {@link #HALTED_DECODING}, after a line on standard error: what Kryo
     * calls when it decodes the list.
     */
    public HaltsWhenRebuilt() {
      System.err.println("HaltsWhenRebuilt: halting the worker while it decodes");
      Runtime.getRuntime().halt(HALTED_DECODING);
    }

    HaltsWhenRebuilt(int first) {
      super(List.of(first));
    }
  }

  /**
   * An argument whose decoding halts the worker with {@link #HALTED_DECODING}.
   *
   * @param first the list's one element
   * @return a list whose decoding halts the worker
   */
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

  /**
   * A result whose encoding halts the worker with {@link #HALTED_ENCODING}.
   *
   * @return a list whose {@code size()} halts the worker
   */
  public static List<Integer> haltsWhenSent() {
    return new HaltsWhenSent();
  }

  /**
   * The task a decoding fault is given to: it never runs when its argument cannot be rebuilt.
   *
   * @param list the argument
   * @return the list's size
   */
  public static int sizeOf(List<?> list) {
    return list.size();
  }

  /**
   * The task an argument of a class the worker lacks is given to.
   *
   * @param value the argument
   * @return the value as a string
   */
  public static String describe(Object value) {
    return String.valueOf(value);
  }

  /**
   * Appends a line to {@code log}, says so on standard error, then halts the worker with {@code exitCode}.
   *
   * @param log the file to append to
   * @param exitCode the worker's exit status
   * @return nothing, as it never returns
   * @throws IOException if the log cannot be written
   */
  public static Object recordThenHalt(Path log, int exitCode) throws IOException {
    Files.writeString(log, "ran\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.err.println("recordThenHalt: halting the worker with exit code " + exitCode);
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /**
   * Records that it began, in {@code marker}, then sleeps: a task a test can see running.
   *
   * @param marker the file the task appends {@code began} to
   * @param millis how long it sleeps
   * @return 1
   * @throws IOException if the marker cannot be written
   * @throws InterruptedException if the worker interrupts the task
   */
  public static int recordThenSleep(Path marker, long millis) throws IOException, InterruptedException {
    Files.writeString(marker, "began\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Thread.sleep(millis);
    return 1;
  }

  /**
   * Prints, closes System.out as some libraries do, and prints again.
   *
   * @param before printed while {@code System.out} is open
   * @param after printed after it is closed, which must not reach the pool
   * @return 1
   */
  public static int printCloseSystemOutAndPrint(String before, String after) {
    System.out.println(before);
    System.out.close();
    System.out.println(after);
    return 1;
  }

  /**
   * Sleeps, then halts the worker with {@code exitCode}.
   *
   * @param millis how long to sleep first
   * @param exitCode the worker's exit status
   * @return nothing, as it never returns
   * @throws InterruptedException if the worker interrupts the task
   */
  public static Object haltAfter(long millis, int exitCode) throws InterruptedException {
    Thread.sleep(millis);
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /**
   * Spins on the CPU until the worker is ended.
   *
   * @return nothing in practice: the worker is ended while it spins
   */
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
   *
   * @param directory where the class is compiled
   * @return an object of the class {@code procpool.parentonly.OnlyInTheParent}
   * @throws Exception if the class cannot be compiled or loaded; an {@code IllegalStateException}
   *     if no JDK compiler is at hand
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
