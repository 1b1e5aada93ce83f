package io.procpool.core.internal.launch;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.VoidTask;
import io.procpool.core.internal.wire.Invocations;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pool's side of a training worker: a real worker, started and connected like the others
 * but outside the scheduler, that runs a few tasks of every shape (a function, a map chunk, a
 * task that prints, one that throws) so that it loads what a worker loads, and is then let go; it
 * dumps its classes into the CDS archive as it exits (see {@link WorkerCds}).
 */
public final class CdsTraining implements ConnectionListener {
  private final List<byte[]> invocations = new ArrayList<>();
  private final CompletableFuture<Connection> connection = new CompletableFuture<>();
  private int answered;

  public CdsTraining() {
    List<Integer> items = new ArrayList<>(List.of(1, 2, 3));
    TaskFunction<Object, ?> echo = CdsTraining::echo;
    VoidTask print = () -> System.out.println("procpool cds training");
    Task<Object> fail = () -> {
      throw new IllegalStateException("procpool cds training");
    };
    invocations.add(KryoCodec.get().encode(new Invocations.Apply(echo, 42), "training task"));
    invocations.add(KryoCodec.get().encode(new Invocations.MapChunk(echo, items), "training task"));
    invocations.add(KryoCodec.get().encode(new Invocations.Run(print), "training task"));
    invocations.add(KryoCodec.get().encode(new Invocations.Call(fail), "training task"));
  }

  private static Object echo(Object value) {
    return value;
  }

  public void attach(Connection connection) {
    this.connection.complete(connection);
  }

  @Override
  public void onFrame(byte[] frame) {
    try {
      // a few frames in all: a new Input each is no cost; the name is WorkerGroup's, for errors only
      Wire.readFromWorker(frame, new Input(), "PoolWorker-cds-training", new Wire.FromWorker() {
        @Override
        public void hello(long pid, String name, boolean runsTasksHere) {
          sendTasks();
        }

        @Override
        public void outcome(byte kind, long id, long nanos, byte[] payload) {
          if (++answered == invocations.size()) {
            connection.join().close(); // the worker reads end of stream and exits, dumping the archive
          }
        }

        @Override
        public void output(byte stream, byte[] text) {
          // a training worker's output is of no interest
        }

        @Override
        public void initializerFailed(byte[] exception) {
          connection.join().close();
        }

        @Override
        public void cancelled(long id, boolean skipped) {
          // training sends no CANCEL
        }

        @Override
        public void retiring() {
          connection.join().close(); // a training task left the worker unfit: train no further
        }
      });
    } catch (IllegalStateException outOfStep) {
      connection.join().close();
    }
  }

  private void sendTasks() {
    Output out = new Output(1024, -1);
    for (int i = 0; i < invocations.size(); i++) {
      Wire.writeTask(out, i + 1, invocations.get(i), false);
    }
    // hello may arrive before connect() has returned the connection to attach()
    attachedConnection().send(out.toBytes());
  }

  /** Waits for attach() by blocking, not with orTimeout, which would start the JDK's delay thread. */
  private Connection attachedConnection() {
    try {
      return connection.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new CompletionException(e);
    }
  }

  @Override
  public void onClosed(Throwable reason) {
    // nothing to do: the archive is taken when the process has exited
  }
}
