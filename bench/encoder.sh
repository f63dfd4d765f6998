#!/usr/bin/env bash
# Encoder benchmark: in-process latency (p50/p99) of code search over the full ICD-10-CM FY2026,
# no database. Not part of the test run. Options: -Dbench.iterations=N, -Dbench.orderFile=PATH
# (a plain CMS order file instead of the bundled one).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-classes
javac -nowarn -d target/bench-classes -cp "$CP" $(find bench/src -name '*.java')
exec java -Xmx1g "$@" -cp "target/bench-classes:$CP" org.custodian.bench.EncoderBenchmark
