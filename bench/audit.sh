#!/usr/bin/env bash
# Audit log benchmark: append throughput (1 writer, 8 writers, batched) and verification of a
# 1,000,000-event chain, on a fresh embedded PostgreSQL (default) or CUSTODIAN_BENCH_DB_URL.
# Not part of the test run. Options are -Dbench.*=... system properties; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-classes
javac -nowarn -d target/bench-classes -cp "$CP" $(find bench/src -name '*.java')
exec java -Xmx2g "$@" -cp "target/bench-classes:$CP" org.custodian.bench.AuditBenchmark
