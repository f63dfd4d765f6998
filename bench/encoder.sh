#!/usr/bin/env bash
# Encoder benchmark: in-process latency (p50/p99) of code search over the full ICD-10-CM FY2026,
# no database. Not part of the test run. Options: -Dbench.iterations=N, -Dbench.orderFile=PATH
# (a plain CMS order file instead of the bundled one).
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 1g org.custodian.bench.EncoderBenchmark "$@"
