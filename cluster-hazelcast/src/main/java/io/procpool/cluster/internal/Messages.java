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
   * hence sealed). The java executable and working directory are the pool's, paths on its machine
   * (agents run on it: {@link SameMachine}); an empty working directory is the agent's own.
   */
  public record Launch(String workerName, String mainClass, List<String> jars, String codeUrl, String codeToken,
      List<String> jvmOptions, Map<String, String> systemProperties, Map<String, String> environment, byte[] stdin,
      String javaExecutable, String workingDirectory) {

    public byte[] encode() {
      return new Body.Writer().string(workerName).string(mainClass).strings(jars).string(codeUrl).string(codeToken)
          .strings(jvmOptions).map(systemProperties).map(environment).bytes(stdin).string(javaExecutable)
          .string(workingDirectory).toBytes();
    }

    public static Launch decode(byte[] body) throws IOException {
      Body.Reader in = new Body.Reader(body);
      return new Launch(in.string(), in.string(), in.strings(), in.string(), in.string(), in.strings(), in.map(),
          in.map(), in.bytes(), in.string(), in.string());
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
