package io.procpool.core.internal.worker;

import io.procpool.core.internal.launch.WorkerJvmOptions;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;

/**
 * The descriptor calls the worker needs to move its standard descriptors, taken from the JDK's own
 * {@code sun.nio.ch} (the natives behind {@code System.inheritedChannel()} and NIO's pipes, in
 * every OpenJDK since 5, on 17 as on 25). They used to come from JNA, whose loading and binding
 * cost a cold worker ~0.2 s of CPU on its critical path and 6.5 MiB of resident memory
 * (bench/LOG.md); these are already in the JVM. The package is opened to the worker by the option
 * its launcher always gives, {@code WorkerJvmOptions.OPENS_NIO}; {@link #load} says why the calls cannot be
 * reached instead of failing later.
 */
final class JdkDescriptors {
  private static MethodHandle dup;
  private static MethodHandle dup2;
  private static MethodHandle newFd;
  private static MethodHandle fdValOfChannel;

  private JdkDescriptors() {}

  /** Finds the calls, or returns why not: not a POSIX system, or the JDK does not let us reach them. */
  static synchronized String load() {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return "Windows has no dup2 of the standard descriptors that Java's streams would follow";
    }
    try {
      MethodHandles.Lookup inherited = lookupIn("sun.nio.ch.InheritedChannel");
      dup = inherited.findStatic(inherited.lookupClass(), "dup", MethodType.methodType(int.class, int.class));
      dup2 = inherited.findStatic(inherited.lookupClass(), "dup2", MethodType.methodType(void.class, int.class, int.class));
      MethodHandles.Lookup io = lookupIn("sun.nio.ch.IOUtil");
      newFd = io.findStatic(io.lookupClass(), "newFD", MethodType.methodType(FileDescriptor.class, int.class));
      fdValOfChannel = io.findVirtual(Class.forName("sun.nio.ch.SelChImpl"), "getFDVal", MethodType.methodType(int.class))
          .asType(MethodType.methodType(int.class, Channel.class));
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) { // InaccessibleObjectException
      return "the JDK's descriptor calls in sun.nio.ch cannot be reached (" + e
          + "); workers need the JVM option " + WorkerJvmOptions.OPENS_NIO;
    }
  }

  private static MethodHandles.Lookup lookupIn(String className) throws ReflectiveOperationException {
    return MethodHandles.privateLookupIn(Class.forName(className), MethodHandles.lookup());
  }

  /** A new descriptor for what {@code fd} is now (the same open file, with its append mode), unaffected by what later happens to {@code fd}. */
  static FileDescriptor copyOf(int fd) throws IOException {
    return (FileDescriptor) call(() -> (FileDescriptor) newFd.invokeExact((int) dup.invokeExact(fd)));
  }

  /** Makes {@code target} a copy of {@code fd}, as C's dup2. */
  static void copyOnto(int fd, int target) throws IOException {
    call(() -> {
      dup2.invokeExact(fd, target);
      return null;
    });
  }

  /** The descriptor number of one of the JDK's own channels (a pipe's end, here). */
  static int numberOf(Channel channel) throws IOException {
    return (int) call(() -> (int) fdValOfChannel.invokeExact(channel));
  }

  private interface Call {
    Object run() throws Throwable;
  }

  private static Object call(Call call) throws IOException {
    try {
      return call.run();
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException(e);
    }
  }
}
