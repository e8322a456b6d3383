package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.events.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the stack keeps its state: one git-ignored directory (default {@code .liberator/})
 * so tokens, keys and metrics survive a restart; {@code --fresh} wipes it.
 */
record StackLayout(Path root) {

    Path kafka() {
        return root.resolve("kafka");
    }

    /** The Kafka users' passwords and the audit tool's client settings, owner-readable only. */
    Path kafkaCredentials() {
        return root.resolve("keys/kafka");
    }

    Path signingPrivateKey() {
        return root.resolve("keys/event-signing-private.pem");
    }

    Path signingPublicKey() {
        return root.resolve("keys/event-signing-public.pem");
    }

    /**
     * The key that signs the page's session cookies, made once and kept, so a restarted
     * token-service does not sign everybody out.
     */
    String sessionSecret() {
        Path file = root.resolve("keys/session-secret");
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                new java.security.SecureRandom().nextBytes(bytes);
                // mode 600 as it is created: written first and restricted after, it would be readable for a moment
                OwnerOnlyFiles.writeNew(file, java.util.HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new LocalStackException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    Path tls() {
        return root.resolve("tls");
    }

    Path nginx() {
        return root.resolve("nginx");
    }

    Path prometheusData() {
        return root.resolve("prometheus/data");
    }

    Path prometheusConfig() {
        return root.resolve("prometheus/prometheus.yml");
    }

    Path log(String name) {
        return root.resolve("logs/" + name + ".log");
    }

    void create() {
        try {
            for (Path dir : new Path[] {root.resolve("logs"), root.resolve("keys"), tls(), nginx().resolve("tmp"),
                    prometheusData()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new LocalStackException("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    void wipe() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new LocalStackException("cannot wipe " + root + ": " + e.getMessage(), e);
        }
    }
}
