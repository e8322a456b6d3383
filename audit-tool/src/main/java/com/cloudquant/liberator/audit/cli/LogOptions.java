package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.source.ClientConfig;
import com.cloudquant.liberator.audit.source.LogUnreadableException;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the log is and which keys to trust: shared by every command. */
final class LogOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = LogTopic.DEFAULT_NAME, paramLabel = "NAME",
            description = "The token topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL), e.g. security.protocol=SSL.")
    Path clientConfig;

    @Option(names = "--public-key", required = true, paramLabel = "PEM",
            description = {"The genesis event-signing public key (PEM): the one the log starts with. Later keys are",
                    "learned from SigningKeyRotated events on the log. Repeat for a log that started with several keys."})
    List<Path> publicKeys;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for Kafka (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--threads", paramLabel = "N",
            description = "Verifying threads: batches are checked in parallel (default: the number of CPUs).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "Never draw the progress bar, even on a terminal.")
    boolean noProgress;

    /** How to reach the log: token-log's settings, with the --client-config properties passed through. */
    TokenLogSettings kafka() {
        return new TokenLogSettings(bootstrapServers, topic, timeout, ClientConfig.load(clientConfig), false);
    }

    TrustedKeys trustedKeys() {
        PublicKey[] keys = new PublicKey[publicKeys.size()];
        for (int i = 0; i < keys.length; i++) {
            try {
                keys[i] = Ed25519Keys.readPublicKey(publicKeys.get(i));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new LogUnreadableException("cannot use --public-key " + publicKeys.get(i) + ": "
                        + e.getMessage() + "; pass the token-service's event-signing public key (PEM, "
                        + "'BEGIN PUBLIC KEY')", e);
            }
        }
        return TrustedKeys.of(keys);
    }
}
