package io.procpool.progressbar;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this JVM writes to a terminal. */
final class Terminal {
  private Terminal() {}

  /**
   * Java 17's {@link System#console()} is null unless standard input and output are a terminal;
   * from Java 22 it may be there anyway, and {@code Console.isTerminal()} tells.
   */
  static boolean isAttached() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
