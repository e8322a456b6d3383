#!/usr/bin/env bash
# Rebuild at scale (docs/benchmarks.md, "Rebuild at scale: 1,000,000 events"): the shipped gateway
# and token-service jars, each as its own JVM with ./run.sh's flags (-Xmx256m -XX:+UseSerialGC),
# rebuilding from logs of 250,000, 500,000 and 1,000,000 signed events on an embedded broker.
# Usage: infra/bench/scale/run.sh [name=value …]   e.g. sizes=1000000 gatewayRuns=3 services=gateway
#        timeout=180 (s per start) confirmHeap=1g (one more token-service start at the largest size)
#        baseline=<git ref>: also starts the gateway built at that commit, alternating run by run with
#        the working tree's, and prints the ratio of their medians (a side-by-side comparison)
# Prints Markdown tables; each service's output goes to infra/bench/scale-bench/target/service-logs.
# Not part of the test suite. Takes ~10-15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=infra/bench/scale-bench
jars=$bench/target/jars
echo "# $(date -u +%FT%TZ) building (load: $(cut -d' ' -f1-3 /proc/loadavg))"
mvn -B -ntp -q -pl gateway -am package -DskipTests
mkdir -p "$jars"
# run copies: another engineer's build may rewrite target/ while a service runs
gateway_jar=$(ls gateway/target/gateway-*.jar | head -n1)
cp "$gateway_jar" "$jars/gateway.jar"
services=gateway,token-service
if mvn -B -ntp -q -pl token-service -am package -DskipTests; then
  cp "$(ls token-service/target/token-service-*.jar | head -n1)" "$jars/token-service.jar"
else
  echo "# token-service does not build right now: measuring the gateway only (rerun later for the token-service)"
  services=gateway
fi
args=()
for a in "$@"; do
  case "$a" in
    baseline=*)
      ref=${a#baseline=}
      tree=$(mktemp -d)
      git worktree add -q --detach "$tree" "$ref"
      (cd "$tree" && mvn -B -ntp -q -pl gateway -am package -DskipTests)
      cp "$(ls "$tree"/gateway/target/gateway-*.jar | head -n1)" "$jars/gateway-baseline.jar"
      git worktree remove --force "$tree"
      echo "# baseline: gateway built at $(git rev-parse --short "$ref")"
      args+=("baselineGatewayJar=$jars/gateway-baseline.jar")
      ;;
    *) args+=("$a") ;;
  esac
done
mvn -B -ntp -q -Pbench -pl "$bench" -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
echo "# built $(basename "$gateway_jar") and token-service at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway token-service token-log shared-events || echo ' + uncommitted changes')"
# the embedded broker and the log writer live in this JVM; the services get their own
java -Xmx1g -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  com.cloudquant.liberator.bench.scale.RebuildAtScaleBenchmark "services=$services" \
  "gatewayJar=$jars/gateway.jar" "tokenServiceJar=$jars/token-service.jar" "${args[@]}"
