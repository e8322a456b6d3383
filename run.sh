#!/usr/bin/env bash
# Starts the local stack in the foreground: embedded Kafka, the token-service, two gateway
# replicas behind nginx, Prometheus and node exporter. Ctrl-C stops everything.
#   ./run.sh            build what changed, then start (state kept in .liberator/)
#   ./run.sh --fresh    wipe .liberator/ first
#   ./run.sh --help     every option (ports, data directory)
set -euo pipefail
cd "$(dirname "$0")"
source infra/scripts/debian-packages.sh

ensure_debian_packages run.sh nginx prometheus prometheus-node-exporter openssl

classpath=infra/local-stack/target/classpath.txt
stale=yes
if [[ -f $classpath ]]; then
  newer=$(find pom.xml */pom.xml */src infra/*/pom.xml infra/*/src -newer "$classpath" -print -quit 2>/dev/null)
  [[ -z $newer ]] && stale=no
fi
if [[ $stale == yes ]]; then
  echo "run.sh: building (mvn -DskipTests package) ..." >&2
  mvn -B -ntp -q -Dstyle.color=never -DskipTests package dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi

exec java -Xmx512m -cp "infra/local-stack/target/classes:$(cat "$classpath")" \
  com.cloudquant.liberator.localstack.LocalStackCommand "$@"
