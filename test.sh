#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need when it is missing (Debian
# packages, as root), then `mvn -B -ntp verify`. Extra arguments go to Maven, e.g.
#   ./test.sh -pl gateway          # one module (after a full build once)
set -euo pipefail
cd "$(dirname "$0")"

# Programs the tests start as child processes (never as system services).
packages=(prometheus prometheus-node-exporter nginx openssl docker-compose chromium chromium-driver)
# The toolchain itself, for a bare Debian machine.
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: the tests need these Debian packages: ${missing[*]}" >&2
    echo "         install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

exec mvn -B -ntp verify "$@"
