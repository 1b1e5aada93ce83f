package io.procpool.core.internal.events;

/**
 * Whether this runtime has JFR at all: a jlink'd image may leave {@code jdk.jfr} out, and then no
 * event class may even be loaded. Where it is present and no recording wants an event, building
 * one costs nothing measurable (its {@code isEnabled()} is false, and the JIT drops the object).
 * But the first event class loaded sets up JFR's metadata, about 0.1 s of a cold JVM's start, on
 * the way to the first worker; so none is loaded before JFR itself has been started (by
 * {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or a {@code Recording}), as no
 * recording can want an event before that.
 */
final class Jfr {
  static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  private Jfr() {}

  /** Whether an event may be wanted now: JFR is here and has been started in this JVM. */
  static boolean started() {
    return PRESENT && Started.check();
  }

  /** Names {@code jdk.jfr} only where it is present. */
  private static final class Started {
    static boolean check() {
      return jdk.jfr.FlightRecorder.isInitialized();
    }
  }
}
