#!/usr/bin/env bash
# Patient/{id}/$everything latency: the Synthea bundles-hiv population imported into a fresh
# embedded PostgreSQL, then $everything for the patient nearest 750 kept resources, over HTTP,
# median and p95 of 200 calls; storage bytes per resource. Options: -Dbench.size=, -Dbench.calls=.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 3g org.custodian.bench.EverythingBenchmark "$@"
