#!/usr/bin/env bash
# Shared by the benchmarks: compile the application and bench/src against it, then run one
# benchmark's main class. Usage: bench/run-java.sh HEAP MAIN_CLASS [JVM options…]
set -euo pipefail
cd "$(dirname "$0")/.."
heap=$1 main=$2
shift 2
./mvnw -q -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
# A copy of the classes: a compile in the worktree while a benchmark runs does not change what it loads.
rm -rf target/bench-app-classes && cp -r target/classes target/bench-app-classes
CP="target/bench-app-classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-classes
javac -nowarn -d target/bench-classes -cp "$CP" $(find bench/src -name '*.java')
exec java "-Xmx$heap" "$@" -cp "target/bench-classes:$CP" "$main"
