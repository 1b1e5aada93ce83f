package io.procpool.bench.soak;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What is left of the run's processes once the pool is closed and terminated: any child of this
 * JVM; any process anywhere carrying this run's marker ({@code pgrep -f}); any worker that ran a
 * task (a start-record file names its pid) and is still alive. Other procpool workers on the
 * machine (not ours: no marker) are counted for information only.
 */
record ProcessCensus(List<Long> children, List<Long> ours, List<Long> recordedStillAlive, List<Long> otherProcpoolWorkers) {

  static ProcessCensus take(WorkerProcesses workers, List<Long> recordedPids) {
    List<Long> children = WorkerProcesses.children().stream().map(ProcessHandle::pid).collect(Collectors.toList());
    List<Long> ours = WorkerProcesses.pgrep(workers.marker());
    List<Long> alive = recordedPids.stream()
        .filter(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(workers::isOurs).isPresent())
        .collect(Collectors.toList());
    List<Long> allWorkers = WorkerProcesses.pgrep("procpool[.]worker[.]name");
    List<Long> others = allWorkers.stream().filter(pid -> !ours.contains(pid)).collect(Collectors.toList());
    return new ProcessCensus(children, ours, alive, others);
  }

  int left() {
    return (int) Stream.of(children, ours, recordedStillAlive).flatMap(List::stream).distinct().count();
  }

  @Override
  public String toString() {
    return left() + " (children of this JVM " + children + ", with this run's marker by pgrep -f " + ours
        + ", workers that ran tasks still alive " + recordedStillAlive + "; other procpool workers on this machine,"
        + " not ours: " + otherProcpoolWorkers.size() + ")";
  }
}
