#!/usr/bin/env bash
# PromQL scope-rewrite benchmark (docs/benchmarks.md, "PromQL scope rewrite").
# Usage: infra/bench/promql/run.sh [JMH options, e.g. -p corpus=dashboard]. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -ntp -q -pl infra/bench/promql-bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="infra/bench/promql-bench/target/classes:$(cat infra/bench/promql-bench/target/classpath.txt)"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
java -cp "$CP" org.openjdk.jmh.Main ScopedQueryBenchmark "$@"
