package io.procpool.cluster.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The bodies of the four kinds of {@link Sealed} messages between a pool and an agent. */
public final class Messages {
  private Messages() {}

  /**
   * Start one worker: what its local launch spec said, with its class path as jars to fetch from
   * the pool's code server ({@code "SHA256 NAME"} each, in order), and the bytes the transport
   * wrote to its standard input (the netty transport's launch ticket, with the per-pool secret:
   * hence sealed). {@code codePin} is the pin of the code server's HTTPS certificate, or "" when
   * it serves plain HTTP on loopback. {@code javaExecutable} and {@code workingDirectory} are
   * paths the pool's user chose for its workers, or "" for the agent's own java and directory
   * (the pool's defaults are paths on the pool's machine, which another machine may not have).
   */
  public record Launch(String workerName, String mainClass, List<String> jars, String codeUrl, String codeToken,
      String codePin, List<String> jvmOptions, Map<String, String> systemProperties, Map<String, String> environment,
      byte[] stdin, String javaExecutable, String workingDirectory) {

    /**
     * The layout of the fields after the worker's name, which comes first in every version, so
     * that an agent can answer a request it cannot read, naming the worker.
     */
    static final String FORMAT = "procpool-launch 2";

    public byte[] encode() {
      return new Body.Writer().string(workerName).string(FORMAT).string(mainClass).strings(jars).string(codeUrl)
          .string(codeToken).string(codePin).strings(jvmOptions).map(systemProperties).map(environment).bytes(stdin)
          .string(javaExecutable).string(workingDirectory).toBytes();
    }

    /**
     * Reads a request.
     *
     * @throws UnreadableLaunch if it is of another layout than this version's, or malformed
     */
    public static Launch decode(byte[] body) throws UnreadableLaunch {
      String workerName = null;
      try {
        Body.Reader in = new Body.Reader(body);
        workerName = in.string();
        String format = in.string();
        if (!format.equals(FORMAT)) {
          throw new IOException("it is not of this agent's layout ('" + FORMAT + "'): run the same procpool version"
              + " on the pool and its agents");
        }
        return new Launch(workerName, in.string(), in.strings(), in.string(), in.string(), in.string(), in.strings(),
            in.map(), in.map(), in.bytes(), in.string(), in.string());
      } catch (IOException e) {
        throw new UnreadableLaunch(workerName, e.getMessage());
      }
    }
  }

  /** A launch request an agent opened (it is from a pool with the key) but cannot read. */
  public static final class UnreadableLaunch extends IOException {
    private final String workerName;

    UnreadableLaunch(String workerName, String why) {
      super(why);
      this.workerName = workerName;
    }

    /** {@return the worker it asked for, or null if even that could not be read} */
    public String workerName() {
      return workerName;
    }
  }

  /** Stop one worker of the sending pool. */
  public record Kill(String workerName) {
    public byte[] encode() {
      return new Body.Writer().string(workerName).toBytes();
    }

    public static Kill decode(byte[] body) throws IOException {
      return new Kill(new Body.Reader(body).string());
    }
  }

  /** A worker was started, with its pid on the agent's machine, or could not be ({@code failure}). */
  public record Started(String workerName, long pid, String failure) {
    public byte[] encode() {
      return new Body.Writer().string(workerName).number(pid).string(failure == null ? "" : failure).toBytes();
    }

    public static Started decode(byte[] body) throws IOException {
      Body.Reader in = new Body.Reader(body);
      String name = in.string();
      long pid = in.number();
      String failure = in.string();
      return new Started(name, pid, failure.isEmpty() ? null : failure);
    }
  }

  /** A worker exited, with its exit code and the last lines of its standard error. */
  public record Exited(String workerName, int exitCode, List<String> lastStderrLines) {
    public byte[] encode() {
      return new Body.Writer().string(workerName).number(exitCode).strings(lastStderrLines).toBytes();
    }

    public static Exited decode(byte[] body) throws IOException {
      Body.Reader in = new Body.Reader(body);
      return new Exited(in.string(), (int) in.number(), in.strings());
    }
  }
}
