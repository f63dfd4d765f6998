#!/usr/bin/env bash
# FHIR R4 import benchmark: Synthea bundles (../shared/data/synthea/bundles-hiv, repeated with
# fresh identifiers) imported through the interop module's public API into PostgreSQL, in
# resources/s and bundles/s. Fresh embedded PostgreSQL (default) or CUSTODIAN_BENCH_DB_URL.
# Options are -Dbench.*=... system properties; see bench/README.md.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 3g org.custodian.bench.FhirImportBenchmark "$@"
