#!/usr/bin/env bash
# Token-service benchmark: issue+commit latency, sequential throughput, 100k-event rebuild.
# Usage: infra/bench/token-service/run.sh [issues=2000] [rebuildEvents=100000]
# Prints a Markdown table (the "Token service" section of docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=infra/bench/token-service-bench
# the bench runs the service jar as installed; build only this module, never the reactor
mvn -B -ntp -q -pl token-service install -DskipTests
mvn -B -ntp -q -pl "$bench" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# the service logs to stdout; keep only the table (failures still reach stderr)
java -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  com.cloudquant.liberator.bench.tokenservice.TokenServiceBenchmark "${1:-2000}" "${2:-100000}" \
  | grep -E '^\|'
