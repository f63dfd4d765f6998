#!/usr/bin/env bash
# A US-style population with households (spouses, siblings, twins, Jr/Sr, married names, movers)
# in the FEBRL format mpi-eval reads, written with its truth (rec_id), then mpi-eval on it.
# See bench/README.md. Usage: bench/us-population.sh [-Dbench.people=10000] [-Dbench.out=F.csv]
#   [-Dbench.seed=S] [-Dbench.eval=false] [-Dbench.sex=true]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) CPUs,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec bench/run-java.sh 3g org.custodian.bench.UsPopulation "$@"
