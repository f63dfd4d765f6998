#!/usr/bin/env bash
# mpi-scan on a generated index (default 1,000,000 people + 2% corrupted duplicates); see bench/README.md.
# Usage: bench/mpi-scan.sh [-Dbench.people=N | -Dbench.file=FEBRL.csv] [-Dbench.scanHeap=6g]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
exec bench/run-java.sh 3g org.custodian.bench.MpiScanBenchmark "$@"
