#!/usr/bin/env bash
# MS-DRG grouper benchmark: claims grouped per second on one thread and p99 latency of one claim,
# in process, over CMS's 4,000 test claims repeated (no database). Not part of the test run.
# Options: -Dbench.seconds=N, -Dbench.rounds=N, -Dbench.cases=PATH.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 1g org.custodian.bench.GrouperBenchmark "$@"
