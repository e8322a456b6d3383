#!/usr/bin/env bash
# PromQL scope-rewrite benchmark (docs/benchmarks.md, "PromQL scope rewrite"). Not part of the test suite.
# Usage: infra/bench/promql/run.sh [jmh|cpu|all] [JMH options, e.g. -p corpus=dashboard]
#   jmh: JMH sample-time percentiles of parse + scope + print per query (ScopedQueryBenchmark);
#   cpu: the same call timed per call on the wall clock and as thread CPU time (CpuTimePercentiles).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -ntp -q -Pbench -pl infra/bench/promql-bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="infra/bench/promql-bench/target/classes:$(cat infra/bench/promql-bench/target/classpath.txt)"
CORPUS=promql/src/test/resources/promql-corpus.txt
what="${1:-all}"
shift || true
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
if [[ $what == jmh || $what == all ]]; then
  java -cp "$CP" org.openjdk.jmh.Main ScopedQueryBenchmark "$@"
fi
if [[ $what == cpu || $what == all ]]; then
  for section in dashboard all; do
    echo "# cpu, corpus=$section, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xmx512m -cp "$CP" com.cloudquant.liberator.bench.promql.CpuTimePercentiles "$CORPUS" "$section" 10 20
  done
fi
