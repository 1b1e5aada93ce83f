#!/usr/bin/env bash
# The per-task hot path without processes (io.procpool.bench.jmh.HotPathBenchmark), through JMH.
#
#   bash bench/jmh.sh [JMH options]      e.g. bash bench/jmh.sh -f 1 -wi 3 -i 5 -p form=capturingLambda
#
# Default: JMH's settings from the class (1 fork, 3 warm-up and 5 measured iterations of 1 s).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
echo "building the benchmark (mvn -q -pl bench -am package -DskipTests)..." >&2
mvn -q -pl bench -am package -DskipTests -Dmaven.javadoc.skip=true >&2
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
exec "$java" -cp "$(ls bench/target/bench-*.jar | head -1):$(cat bench/target/classpath.txt)" \
  org.openjdk.jmh.Main io.procpool.bench.jmh.HotPathBenchmark "$@"
