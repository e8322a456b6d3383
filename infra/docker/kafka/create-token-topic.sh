#!/bin/sh
# One-shot init of docker-compose.yml: creates the token topic with its audited settings
# (docs/event-schema.md): one partition for a total order, replication 3 with
# min.insync.replicas=2 so one broker may be down, kept forever and never compacted.
# Brokers run with auto.create.topics.enable=false, so nothing else creates it.
# Idempotent: an existing topic is left as it is, and the run still succeeds. Runs as the
# Kafka admin (the only user allowed to create topics); the users and ACLs come next, from
# the kafka-access job.
set -eu
bootstrap=${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}
topic=${LIBERATOR_TOKEN_TOPIC:?set LIBERATOR_TOKEN_TOPIC}
password=${LIBERATOR_KAFKA_ADMIN_PASSWORD:?set LIBERATOR_KAFKA_ADMIN_PASSWORD in .env}
bin=/opt/kafka/bin
# the admin's client settings, readable by this user alone, never on a command line
umask 077
admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="liberator-admin" password="$password";
PROPERTIES
unset LIBERATOR_KAFKA_ADMIN_PASSWORD password
attempt=1
# replication 3 needs all three brokers registered; they may still be electing a controller
until "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
        --topic "$topic" --partitions 1 --replication-factor 3 \
        --config min.insync.replicas=2 --config retention.ms=-1 --config retention.bytes=-1 \
        --config cleanup.policy=delete --config unclean.leader.election.enable=false; do
    if [ "$attempt" -ge 30 ]; then
        echo "kafka-init: could not create $topic after $attempt attempts" >&2
        exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
done
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --describe --topic "$topic"
