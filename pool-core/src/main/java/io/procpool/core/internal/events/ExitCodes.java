package io.procpool.core.internal.events;

import java.util.Map;

/** An exit code as a person reads it: Java reports a child killed by signal n as 128 + n. */
final class ExitCodes {
  private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT",
      4, "SIGILL", 6, "SIGABRT", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

  private ExitCodes() {}

  /** "exit code 1", "exit code 137 (signal 9, SIGKILL)", or "exit code unknown" for null. */
  static String describe(Integer exitCode) {
    if (exitCode == null) {
      return "exit code unknown";
    }
    String signal = signal(exitCode);
    return "exit code " + exitCode + (signal.isEmpty() ? "" : " (" + signal + ")");
  }

  /** "signal 9, SIGKILL", or "" if the code is no signal's. */
  static String signal(int exitCode) {
    if (exitCode <= 128 || exitCode >= 160) {
      return "";
    }
    int number = exitCode - 128;
    String name = SIGNALS.get(number);
    return "signal " + number + (name == null ? "" : ", " + name);
  }
}
