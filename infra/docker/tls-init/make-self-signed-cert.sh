#!/bin/sh
# Makes /tls/liberator.crt and /tls/liberator.key unless both exist already, so a restart of
# the stack keeps the certificate that clients may have pinned. The names in the certificate
# are localhost, nginx (the in-network name) and LIBERATOR_PUBLIC_HOST when it is set.
set -eu
dir=${TLS_DIR:-/tls}
cert="$dir/liberator.crt"
key="$dir/liberator.key"
if [ -s "$cert" ] && [ -s "$key" ]; then
    echo "tls-init: keeping the existing certificate $cert"
    exit 0
fi
host=${LIBERATOR_PUBLIC_HOST:-localhost}
names="DNS:localhost,DNS:nginx,IP:127.0.0.1"
case "$host" in
    localhost) ;;
    *[!0-9.]*) names="$names,DNS:$host" ;;
    *) names="$names,IP:$host" ;;
esac
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 \
    -subj "/CN=$host" -addext "subjectAltName=$names" \
    -keyout "$key.tmp" -out "$cert.tmp"
# nginx's master process (root) reads both when it loads its configuration
chmod 644 "$cert.tmp"
mv "$key.tmp" "$key"
mv "$cert.tmp" "$cert"
echo "tls-init: made a self-signed certificate for $names"
