#!/usr/bin/env bash
# HL7 v2 ADT over MLLP with durable ACK: messages/s on 1 and 4 connections, on a fresh embedded
# PostgreSQL with fsync=on. Not part of the test run. Options: -Dbench.seconds=N, -Dbench.fsync=off.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" 2g org.custodian.bench.MllpBenchmark "$@"
