#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need when it is missing (Debian
# packages, as root), then `mvn -B -ntp verify`. Extra arguments go to Maven, e.g.
#   ./test.sh -pl gateway -am      # one module and the modules it depends on (-am: they are not in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")"
source infra/scripts/debian-packages.sh

# Programs the tests start as child processes (never as system services).
packages=(prometheus prometheus-node-exporter nginx openssl docker-compose chromium chromium-driver)
# The toolchain itself, for a bare Debian machine.
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

ensure_debian_packages test.sh "${packages[@]}"

exec mvn -B -ntp verify "$@"
