#!/bin/sh
# Start of one broker in docker-compose.yml. Writes, readable by the broker's user alone, the
# broker's JAAS file and the admin's client settings (for the health check), then starts Kafka
# as the image does. The admin (liberator-admin, the only super user) signs in with SASL/PLAIN
# against this file, so it exists before any SCRAM user does: the brokers use it among
# themselves and on the controller listener, and kafka-init / kafka-access use it to create the
# topic, the services' SCRAM-SHA-512 users and the ACLs. Every other user signs in with SCRAM.
set -eu
password=${LIBERATOR_KAFKA_ADMIN_PASSWORD:?set LIBERATOR_KAFKA_ADMIN_PASSWORD in .env}
case "$password" in
    *[\"\\\ ]*) echo "kafka: LIBERATOR_KAFKA_ADMIN_PASSWORD must not contain a quote, backslash or space" >&2; exit 1 ;;
esac
dir=/opt/kafka/config/liberator
umask 077
mkdir -p "$dir"
cat > "$dir/jaas.conf" <<JAAS
KafkaServer {
    org.apache.kafka.common.security.plain.PlainLoginModule required
        username="liberator-admin" password="$password" user_liberator-admin="$password";
    org.apache.kafka.common.security.scram.ScramLoginModule required;
};
JAAS
cat > "$dir/admin.properties" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="liberator-admin" password="$password";
PROPERTIES
unset LIBERATOR_KAFKA_ADMIN_PASSWORD password
exec /etc/kafka/docker/run
