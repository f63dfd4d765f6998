#!/usr/bin/env bash
# Audit log benchmark: append throughput (1 writer, 8 writers, batched) and verification of a
# 1,000,000-event chain, on a fresh embedded PostgreSQL (default) or CUSTODIAN_BENCH_DB_URL.
# Not part of the test run. Options are -Dbench.*=... system properties; see bench/README.md.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 2g org.custodian.bench.AuditBenchmark "$@"
