package io.procpool.core.internal.events;

/**
 * Whether this runtime has JFR at all: a jlink'd image may leave {@code jdk.jfr} out, and then no
 * event class may even be loaded. Where it is present and no recording wants an event, building
 * one costs nothing measurable (its {@code isEnabled()} is false, and the JIT drops the object).
 */
final class Jfr {
  static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  private Jfr() {}
}
