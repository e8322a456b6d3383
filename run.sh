#!/usr/bin/env bash
# Starts the local stack in the foreground: embedded Kafka, the token-service, two gateway
# replicas behind nginx, Prometheus and node exporter. Ctrl-C stops everything.
#   ./run.sh            build what changed, then start (state kept in .liberator/)
#   ./run.sh --fresh    wipe .liberator/ first
#   ./run.sh --help     every option (ports, data directory)
set -euo pipefail
cd "$(dirname "$0")"
source infra/scripts/programs.sh

# The JDK (./mvnw fetches the pinned Maven itself, with curl or wget) and what the stack runs.
programs=(java=openjdk-17-jdk-headless javac=openjdk-17-jdk-headless
  nginx=nginx prometheus=prometheus prometheus-node-exporter=prometheus-node-exporter openssl=openssl)
program_path wget >/dev/null || programs+=(curl=curl)
require_programs run.sh "${programs[@]}"

classpath=infra/local-stack/target/classpath.txt
stale=yes
if [[ -f $classpath ]]; then
  # infra/grafana: the token-service jar carries its data-source file (the page's provisioning YAML)
  newer=$(find pom.xml */pom.xml */src infra/*/pom.xml infra/*/src infra/grafana/provisioning/datasources \
      -newer "$classpath" -print -quit 2>/dev/null)
  [[ -z $newer ]] && stale=no
fi
if [[ $stale == yes ]]; then
  # without -Pbench: the benchmark modules are not built
  echo "run.sh: building (./mvnw -DskipTests package) ..." >&2
  ./mvnw -B -ntp -q -Dstyle.color=never -DskipTests package dependency:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi

exec java -Xmx512m -cp "infra/local-stack/target/classes:$(cat "$classpath")" \
  com.cloudquant.liberator.localstack.LocalStackCommand "$@"
