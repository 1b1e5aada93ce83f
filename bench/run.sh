#!/usr/bin/env bash
# Benchmarks procpool against Python's multiprocessing.Pool (spawn) on the same workloads, in the
# same run, and prints the figures, their ratios and the targets of issue 13.
#
#   bash bench/run.sh [--rounds N] [--workers N] [--quick] [--no-build] [transport...]
#
# Default: 1 round, 2 workers, every transport on the benchmark's class path. With --rounds N
# everything runs N times, interleaved, and each figure in the table is the median of the N
# rounds (the machine may be shared: use 3); map 1M also shows its worst round. --quick: one
# round, 1 s of warm-up instead of 10, no CPU speed-up rows. Every workload runs in a JVM of its own
# per transport and task form (ref: a static method reference; lambda: a capturing lambda), so
# that every cold figure is a fresh JVM's. The JDK 25 start-up rows run the parent on
# $JDK25_HOME/bin/java (default /usr/lib/jvm/temurin-25-jdk-amd64; skipped if it is not JDK 24+),
# once as it is and once with an ahead-of-time cache of its own (-XX:AOTCache, trained by one
# start-up run first), as a user may choose to run an application (README, "Start-up").
# MVN sets the Maven command (default: mvn). Needs java 17+, maven, python3 and gcc.
# Raw outputs and the table stay in bench/target/results/<time>/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
rounds=1
workers=2
quick=false
build=true
transports=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --quick) quick=true; rounds=1; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) transports+=("$1"); shift ;;
  esac
done

cd "$root"
if $build; then
  echo "building the benchmark (${MVN:-mvn} -q -pl bench -am package -DskipTests)..." >&2
  ${MVN:-mvn} -q -pl bench -am package -DskipTests >&2
fi

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
jdk25_home=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java25=""
if [ -x "$jdk25_home/bin/java" ]; then
  feature=$("$jdk25_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ -n "$feature" ] && [ "$feature" -ge 24 ] 2>/dev/null; then java25="$jdk25_home/bin/java"; fi
fi
[ -n "$java25" ] || echo "no JDK 24+ at $jdk25_home (set JDK25_HOME): the JDK 25 start-up row is skipped" >&2

classpath="$(ls bench/target/bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
if [ ${#transports[@]} -eq 0 ]; then
  mapfile -t transports < <("$java" -cp "$classpath" io.procpool.bench.PoolBenchmark --list)
fi
bench_options=(--workers "$workers")
if $quick; then bench_options+=(--warmup-ms 1000); fi

results="bench/target/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
floor="$tmp/pipe_pingpong"
if ! gcc -O2 -o "$floor" "$here/pipe_pingpong.c"; then
  echo "gcc could not build bench/pipe_pingpong.c: no pipe floor figure" >&2
  floor=""
fi

# A program's first pool on a machine creates the workers' class data sharing archive (pool-core's
# WorkerCds), one per JDK; every later one starts from it. Prime once, so that the figures are
# those of any later run whether or not this machine ran a pool before.
for transport in "${transports[@]}"; do
  "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark --prime "$transport" > "$results/prime-$transport.txt"
  if [ -n "$java25" ]; then
    # JDK 25 warns of the libraries' sun.misc.Unsafe and native access on stderr: kept apart
    "$java25" -cp "$classpath" io.procpool.bench.PoolBenchmark --prime "$transport" > "$results/prime25-$transport.txt" \
      2>> "$results/java25-stderr.txt"
    # The parent's own AOT cache: one training run of the start-up, as a user's application would have.
    "$java25" -XX:AOTCacheOutput="$tmp/parent-$transport.aot" -cp "$classpath" io.procpool.bench.PoolBenchmark \
      --only startup "$transport" > "$results/train25aot-$transport.txt" 2>> "$results/java25-stderr.txt"
  fi
done

started=$(date +%s)
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds: pipe floor..." >&2
  if [ -n "$floor" ]; then
    "$floor" > "$results/floor.$round.txt"
    # The same with both processes on one CPU: a wake-up is then a context switch, not an
    # interrupt to another CPU (about 5 us against 40 us per round trip on the VMs we use).
    if command -v taskset > /dev/null; then taskset -c 0 "$floor" > "$results/floor-pinned.$round.txt"; fi
  fi
  echo "round $round of $rounds: python (spawn, $workers workers)..." >&2
  python3 "$here/py_pool_bench.py" spawn "$workers" > "$results/python.$round.txt"
  for transport in "${transports[@]}"; do
    out="$results/java-$transport.$round.txt"
    : > "$out"
    # Each workload and form in a JVM of its own, as JMH forks: its first run is the cold figure,
    # and map 1M leaves the parent's old generation full of promoted garbage, which slowed
    # whatever ran after it in the same JVM. Every JVM also prints the first pool's start-up and
    # idle worker RSS; their median stands.
    for form in ref lambda; do
      for workload in apply async imap map; do
        echo "round $round of $rounds: procpool ($transport, $form, $workload)..." >&2
        "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark "${bench_options[@]}" --form "$form" \
          --only "$workload" "$transport" >> "$out"
      done
    done
    echo "round $round of $rounds: procpool ($transport, worker memory after load)..." >&2
    "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark "${bench_options[@]}" --only memory "$transport" >> "$out"
    if ! $quick; then
      "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark "${bench_options[@]}" --only cpu "$transport" >> "$out"
    fi
    if [ -n "$java25" ]; then
      echo "round $round of $rounds: procpool ($transport, start-up with the parent on JDK 25)..." >&2
      : > "$results/java25-$transport.$round.txt"
      : > "$results/java25aot-$transport.$round.txt"
      for i in 1 2 3; do
        "$java25" -cp "$classpath" io.procpool.bench.PoolBenchmark "${bench_options[@]}" --only startup "$transport" \
          >> "$results/java25-$transport.$round.txt" 2>> "$results/java25-stderr.txt"
        "$java25" -XX:AOTCache="$tmp/parent-$transport.aot" -cp "$classpath" io.procpool.bench.PoolBenchmark \
          "${bench_options[@]}" --only startup "$transport" \
          >> "$results/java25aot-$transport.$round.txt" 2>> "$results/java25-stderr.txt"
      done
    fi
    echo "round $round of $rounds: procpool ($transport, 20 MB captures)..." >&2
    "$java" -cp "$classpath" io.procpool.bench.CaptureBenchmark --workers "$workers" "$transport" \
      > "$results/capture-$transport.$round.txt"
  done
done
elapsed=$(( $(date +%s) - started ))

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
       "$("$java" -version 2>&1 | head -1)${java25:+, JDK 25 row: $("$java25" -version 2>&1 | head -1)}, $(python3 --version)"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); rounds: $rounds$($quick && echo ' (--quick)')," \
       "$((elapsed / rounds)) s a round; each figure is the median over rounds; raw outputs: $results"
  echo
  python3 "$here/report.py" "$results" "$workers" "${transports[@]}"
} | tee "$results/table.txt"
