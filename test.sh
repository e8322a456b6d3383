#!/usr/bin/env bash
# Runs the whole test suite: checks for the programs the tests need (installing the missing ones
# with apt-get where that exists and we may), then `./mvnw -B -ntp verify`. Extra arguments go to
# Maven, e.g.
#   ./test.sh -pl gateway -am      # one module and the modules it depends on (-am: they are not in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")"
source infra/scripts/programs.sh

# The JDK (./mvnw fetches the pinned Maven itself, with curl or wget) and the programs the
# tests start as child processes (never as system services).
programs=(java=openjdk-17-jdk-headless javac=openjdk-17-jdk-headless
  prometheus=prometheus promtool=prometheus prometheus-node-exporter=prometheus-node-exporter
  nginx=nginx openssl=openssl docker-compose=docker-compose chromium=chromium chromedriver=chromium-driver)
program_path wget >/dev/null || programs+=(curl=curl)
require_programs test.sh "${programs[@]}"

exec ./mvnw -B -ntp verify "$@"
