#!/usr/bin/env bash
# Record completion benchmark: full re-analysis of 100,000 inpatient encounters (each with an
# attending, an H&P, an unsigned progress note and, for most, a discharge summary; a tenth operated
# on) on a fresh embedded PostgreSQL. Target: <= 30 s. Options: -Dbench.encounters=N.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 2g org.custodian.bench.CompletionBenchmark "$@"
