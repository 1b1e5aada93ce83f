package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program that starts a pool, prints its workers' pids, and dies without closing it, as a
 * crashing application would. {@link LifecycleContract} runs it to show the workers follow.
 * Argument: the class name of the transport's Guice module (with a public no-argument constructor).
 */
public final class ParentThatDies {
  private ParentThatDies() {}

  public static void main(String[] args) throws Exception {
    Module module = (Module) Class.forName(args[0]).getConstructor().newInstance();
    Pool pool = ProcessPool.builder().workers(2).transport(module).build();
    List<Long> pids = pool.map(x -> TckTasks.pidAfter(300), List.of(1, 2), 1);
    System.out.println("WORKERS " + pids.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.flush();
    Runtime.getRuntime().halt(0); // no close, no shutdown hooks
  }
}
