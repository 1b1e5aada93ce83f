#!/usr/bin/env bash
# Benchmarks procpool against Python's multiprocessing.Pool (spawn) on the same workloads, in the
# same run, and prints the figures, their ratios and the targets of issue 5.
#
#   bash bench/run.sh [--rounds N] [--workers N] [transport...]
#
# Default: 1 round, 2 workers, every transport on the benchmark's class path. With --rounds N
# the Python script, the pipe floor and the Java benchmark run N times, interleaved, and each
# figure in the table is the median of the N rounds (the machine may be shared: use 3).
# Needs java 17+, maven, python3 and gcc. Raw outputs stay in bench/target/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
rounds=1
workers=2
transports=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) transports+=("$1"); shift ;;
  esac
done

cd "$root"
echo "building the benchmark (mvn -q -pl bench -am package -DskipTests)..." >&2
mvn -q -pl bench -am package -DskipTests >&2

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
classpath="$(ls bench/target/bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
if [ ${#transports[@]} -eq 0 ]; then
  mapfile -t transports < <("$java" -cp "$classpath" io.procpool.bench.PoolBenchmark --list)
fi

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
# WorkerCds); every later one starts from it. Prime once, so that the figures are those of any
# later run whether or not this machine ran a pool before.
for transport in "${transports[@]}"; do
  "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark --prime "$transport" > "$results/prime-$transport.txt"
done

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
    echo "round $round of $rounds: procpool ($transport, $workers workers)..." >&2
    # Each workload in a JVM of its own, as JMH forks: map 1M leaves the parent's old generation
    # full of promoted garbage, which slowed whatever ran after it in the same JVM. Every JVM
    # also measures the first pool's start-up and the idle worker; the last JVM's figures stand.
    : > "$results/java-$transport.$round.txt"
    for workload in apply async imap cpu map startup; do
      "$java" -cp "$classpath" io.procpool.bench.PoolBenchmark --workers "$workers" --only "$workload" \
        "$transport" >> "$results/java-$transport.$round.txt"
    done
  done
done

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
       "$("$java" -version 2>&1 | head -1), $(python3 --version)"
  echo "rounds: $rounds (each figure is the median over rounds); raw outputs: $results"
  echo
  python3 "$here/report.py" "$results" "$workers" "${transports[@]}"
} | tee "$results/table.txt"
