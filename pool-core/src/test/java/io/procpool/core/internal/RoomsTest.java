package io.procpool.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.worker.WorkerMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the core's internals, checked in the compiled classes: code that runs in a worker
 * never reaches into the parent's scheduling or launching, and the wire, shared by both sides,
 * reaches into neither side. A class names every class it uses in its constant pool, as
 * {@code io/procpool/core/internal/pool/Scheduler}, so a byte search of the class file finds any use.
 */
class RoomsTest {
  private static final String INTERNAL = "io/procpool/core/internal/";

  /** Which rooms each room may not use. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "worker", List.of("pool", "launch"),
      "wire", List.of("pool", "launch", "worker"),
      "launch", List.of("pool", "worker"),
      "map", List.of("launch", "worker"),
      "events", List.of("pool", "launch", "worker", "map", "wire"));

  /** The map room's invocations run in the worker, so they may not use the parent's pool room either. */
  private static final List<String> MAP_CLASSES_IN_THE_WORKER = List.of("EachItem", "StarmapPairs");

  @Test
  void noRoomReachesIntoARoomItMustNotUse() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<String>> room : FORBIDDEN.entrySet()) {
      for (Path classFile : classFilesOf(room.getKey())) {
        List<String> forbidden = new ArrayList<>(room.getValue());
        if (runsInTheWorker(room.getKey(), classFile)) {
          forbidden.add("pool");
        }
        for (String other : forbidden) {
          if (mentions(classFile, INTERNAL + other + "/")) {
            violations.add(room.getKey() + "/" + classFile.getFileName() + " uses the " + other + " room");
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theCheckSeesAUseWhereThereIsOne() throws IOException {
    // WorkerMain starts the TaskRunner: if the byte search missed that, it would miss everything.
    Path workerMain = classFilesOf("worker").stream()
        .filter(file -> file.getFileName().toString().equals("WorkerMain.class"))
        .findFirst().orElseThrow();
    assertTrue(mentions(workerMain, INTERNAL + "worker/TaskRunner"));
  }

  private static boolean runsInTheWorker(String room, Path classFile) {
    String name = classFile.getFileName().toString();
    return room.equals("map") && MAP_CLASSES_IN_THE_WORKER.stream()
        .anyMatch(worker -> name.equals(worker + ".class") || name.startsWith(worker + "$"));
  }

  private static List<Path> classFilesOf(String room) throws IOException {
    Path classes = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    try (Stream<Path> files = Files.list(classes.resolve(INTERNAL + room))) {
      List<Path> found = files.filter(file -> file.toString().endsWith(".class")).toList();
      assertTrue(!found.isEmpty(), "no classes in the " + room + " room under " + classes);
      return found;
    }
  }

  private static boolean mentions(Path classFile, String internalName) throws IOException {
    String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    return bytes.contains(internalName);
  }
}
