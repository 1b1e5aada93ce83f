package io.procpool.core.internal.launch;

import java.util.ArrayList;
import java.util.List;

/** A training run in small: loads a few classes, then halts, as a worker leaves. */
public final class AotTrainee {
  private AotTrainee() {}

  public static void main(String[] args) {
    List<String> words = new ArrayList<>(List.of("ahead", "of", "time"));
    words.sort(String::compareTo);
    Runtime.getRuntime().halt(words.size() == 3 ? 0 : 1);
  }
}
