#!/usr/bin/env bash
# The chaos soak of issue 11: mixed calls for a set time while random workers are SIGKILLed, then
# checks that no task was lost or run twice, that memory stayed flat and that no process is left.
#
#   bash bench/soak.sh [--minutes N | --seconds N] [--transport pipes|netty] [--workers N] [--seed N] ...
#
# Default: 10 minutes, pipes, 2 workers, a kill every 1-3 s (--help lists every option). Builds
# bench with `mvn -q -pl bench -am package -DskipTests` (never installs; MVN="mvn -o ..." to
# change how, --no-build to skip it). Output, start records and any stack dumps go to
# bench/target/soak/<time>/, the printed lines also to soak.log there. Exits 1 if an invariant
# broke, 2 on a bad option. Needs java 17+, maven, Linux (/proc, pgrep).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

cd "$root"
if [ "$build" = 1 ]; then
  echo "building the soak (${MVN:-mvn} -q -pl bench -am package -DskipTests)..." >&2
  ${MVN:-mvn} -q -pl bench -am package -DskipTests >&2
fi

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
classpath="$(ls bench/target/bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
out="bench/target/soak/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

# A fixed, pre-touched heap: the parent's RSS then no longer grows as the heap is committed, so
# RSS growth from the baseline to the end is native memory (threads, buffers, code), which is
# what a leak there would show. 256 MiB holds the soak's ledger (4 bytes a task) many times over.
status=0
"$java" -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp "$classpath" io.procpool.bench.soak.ChaosSoak \
  --out "$out" ${args[@]+"${args[@]}"} 2>&1 | tee "$out/soak.log" || status=${PIPESTATUS[0]}
exit "$status"
