#!/usr/bin/env bash
# Gateway benchmarks (docs/benchmarks.md, "Gateway"). Usage: infra/bench/gateway/run.sh [auth|rebuild|stack|scoped|all]
# Needs the Debian packages prometheus, nginx and wrk. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# one reactor build: the gateway jar and the bench classpath from this checkout, nothing installed into ~/.m2
mvn -B -ntp -q -Pbench -pl infra/bench/gateway-bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
CP="infra/bench/gateway-bench/target/classes:$(cat infra/bench/gateway-bench/target/classpath.txt)"
what="${1:-all}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $what == auth || $what == all ]]; then
  java -cp "$CP" org.openjdk.jmh.Main AuthenticationBenchmark
fi
if [[ $what == rebuild || $what == all ]]; then
  java -Xmx3g -cp "$CP" com.cloudquant.liberator.bench.gateway.ProjectionRebuildBenchmark "${EVENTS:-1000000}" "${BATCH:-5000}"
fi
if [[ $what == scoped || $what == all ]]; then
  java -cp "$CP" com.cloudquant.liberator.bench.gateway.ScopedThroughputBenchmark gateway/target/gateway-0.1.0-SNAPSHOT.jar \
    "${ROUNDS:-5}" "${SECONDS_PER_RUN:-10}"
fi
if [[ $what == stack || $what == all ]]; then
  java ${BASELINE_JAR:+-Dgateway.baseline=$BASELINE_JAR} -cp "$CP" com.cloudquant.liberator.bench.gateway.GatewayStackBenchmark \
    gateway/target/gateway-0.1.0-SNAPSHOT.jar \
    "${ROUNDS:-3}" "${SECONDS_PER_RUN:-10}" "${FEDERATE_MB:-200}"
fi
