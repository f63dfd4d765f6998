#!/usr/bin/env bash
# The linkage of mpi-scan on the same generated index, in memory (no database, no Spring): for tuning
# blocking and EM in seconds. See bench/README.md. Usage: bench/mpi-link.sh [-Dbench.people=N] [-Dbench.maxBlock=N] [-Dbench.misses=true]
set -euo pipefail
cd "$(dirname "$0")/.."
uptime
exec bench/run-java.sh 3g org.custodian.bench.MpiLinkOffline "$@"
