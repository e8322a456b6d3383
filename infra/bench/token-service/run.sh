#!/usr/bin/env bash
# Token-service benchmark: issue+commit latency, sequential throughput, 100k-event rebuild.
# Usage: infra/bench/token-service/run.sh [issues=2000] [rebuildEvents=100000]
# Prints a Markdown table (the "Token service" section of docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=infra/bench/token-service-bench
# one reactor build of the service and the bench module (-Pbench: benchmarks build only when
# asked for); nothing is installed into ~/.m2
mvn -B -ntp -q -Pbench -pl "$bench" -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
# the service logs to stdout; keep only the table (failures still reach stderr)
java -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  com.cloudquant.liberator.bench.tokenservice.TokenServiceBenchmark "${1:-2000}" "${2:-100000}" \
  | grep -E '^\|'
