#!/usr/bin/env bash
# CDI worklist benchmark: every rule over 2,000 in-house inpatients (12 Observations and a diagnosis
# each) beside 20,000 discharged stays, on a fresh embedded PostgreSQL. Target: <= 2 s.
# Options: -Dbench.inpatients=N.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 1g org.custodian.bench.CdiWorklistBenchmark "$@"
