package io.procpool.bench.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workers' {@link StartLog} files say, read once at the end: which ids started, which
 * started more than once, and any file whose length is not a whole number of records. For the
 * few ids a report needs to explain, {@link #startsOf} reads again where and when they started.
 */
final class StartRecords {
  /** One start of a task: the worker's pid and the wall-clock time, in microseconds. */
  record Start(long pid, long epochMicros) {}

  private final List<Path> files = new ArrayList<>();
  private final BitSet started = new BitSet();
  private final BitSet runTwice = new BitSet();
  private final List<String> tornFiles = new ArrayList<>();
  private final List<String> unknownIds = new ArrayList<>();
  private long records;

  private StartRecords() {}

  /** Reads every {@code *.ids} file in {@code directory}; {@code lastId} is the highest id handed out. */
  static StartRecords read(Path directory, long lastId) throws IOException {
    StartRecords result = new StartRecords();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*" + StartLog.SUFFIX)) {
      listing.forEach(result.files::add);
    }
    for (Path file : result.files) {
      LongBuffer fields = result.readFields(file, true);
      while (fields.remaining() >= 2) {
        long id = fields.get();
        fields.get(); // the time: only read for the ids a report explains
        result.records++;
        if (id < 1 || id > lastId || id >= Integer.MAX_VALUE) {
          result.unknownIds.add(id + " in " + file.getFileName());
        } else if (result.started.get((int) id)) {
          result.runTwice.set((int) id);
        } else {
          result.started.set((int) id);
        }
      }
    }
    return result;
  }

  private LongBuffer readFields(Path file, boolean noteTorn) throws IOException {
    long size = Files.size(file);
    if (noteTorn && size % StartLog.RECORD_BYTES != 0) {
      tornFiles.add(file.getFileName() + " (" + size + " bytes)");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) (size - size % StartLog.RECORD_BYTES));
    try (FileChannel channel = FileChannel.open(file)) {
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // reads until full
      }
    }
    bytes.flip();
    return bytes.asLongBuffer();
  }

  /** Where and when each of {@code ids} started, in the order of the files; one pass over them all. */
  Map<Long, List<Start>> startsOf(BitSet ids) throws IOException {
    Map<Long, List<Start>> starts = new LinkedHashMap<>();
    for (Path file : files) {
      long pid = pidOf(file);
      LongBuffer fields = readFields(file, false);
      while (fields.remaining() >= 2) {
        long id = fields.get();
        long micros = fields.get();
        if (id >= 1 && id < Integer.MAX_VALUE && ids.get((int) id)) {
          starts.computeIfAbsent(id, k -> new ArrayList<>()).add(new Start(pid, micros));
        }
      }
    }
    return starts;
  }

  private static long pidOf(Path file) {
    return Long.parseLong(file.getFileName().toString().replace(StartLog.SUFFIX, ""));
  }

  boolean started(long id) {
    return id >= 1 && id < Integer.MAX_VALUE && started.get((int) id);
  }

  /** The ids that started more than once. */
  BitSet runTwice() {
    return runTwice;
  }

  List<String> tornFiles() {
    return tornFiles;
  }

  List<String> unknownIds() {
    return unknownIds;
  }

  /** The pid of every worker that ran at least one task. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    files.forEach(file -> pids.add(pidOf(file)));
    return pids;
  }

  /** How many worker processes ran at least one task. */
  int files() {
    return files.size();
  }

  long records() {
    return records;
  }
}
