#!/usr/bin/env bash
# Privacy monitoring (kept out of bench/src: it compiles with the tests' TrafficGenerator): explain and score 1,000,000 generated audit events (target ≤ 30 s); prints the
# time, the rate, precision and recall of the alerted users, and the machine; then, separately, the time to read
# 1,000,000 events from PostgreSQL through AuditLog.after (bench/src/org/custodian/bench/AuditReadBenchmark.java).
# Usage: bench/monitoring.sh [-Dbench.events=N]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
./mvnw -o -q -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-monitoring-classes
javac -nowarn -d target/bench-monitoring-classes -cp "$CP" \
  bench/monitoring/MonitoringBenchmark.java \
  src/test/java/org/custodian/monitoring/internal/TrafficGenerator.java
java -Xmx3g "$@" -cp "target/bench-monitoring-classes:$CP" org.custodian.monitoring.internal.MonitoringBenchmark
# Separately: the read side the engine figure leaves out, 1,000,000 events read from PostgreSQL with
# AuditLog.after in the monitor's batches of 20,000 (-Dbench.readEvents=N, -Dbench.readBatch=N).
echo
echo "== reading the audit log from PostgreSQL (AuditLog.after)"
exec bench/run-java.sh 2g org.custodian.bench.AuditReadBenchmark "$@"
