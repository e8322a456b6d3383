package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TrustedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token-service's private signing keys: the configured pair (the genesis key, from
 * {@code liberator.signing.private-key-file}) and, in the same directory, one
 * {@code signing-key-<keyId>.pem} per key a rotation made. The configuration is never
 * rewritten: which key is current is the chain's to say (the key valid after the verified
 * head), and this directory only answers "do we hold the private key for that id".
 */
public final class SigningKeyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyDirectory.class);
    /** Signed and verified before a key file is used: a file that is not the key the chain names is never used. */
    private static final String PROBE = "0".repeat(64);

    private final Path directory;
    private final EventSigner configured;

    /**
     * @param configuredPrivateKeyFile {@code liberator.signing.private-key-file}; its directory holds rotated keys
     * @param configured               the configured pair's signer
     */
    public SigningKeyDirectory(Path configuredPrivateKeyFile, EventSigner configured) {
        Path parent = configuredPrivateKeyFile.toAbsolutePath().getParent();
        this.directory = parent == null ? Path.of(".").toAbsolutePath() : parent;
        this.configured = configured;
    }

    /** Where the key files are. */
    public Path directory() {
        return directory;
    }

    /** The file that holds (or would hold) the private key with id {@code keyId} made by a rotation. */
    public Path fileOf(String keyId) {
        return directory.resolve("signing-key-" + keyId + ".pem");
    }

    /**
     * A signer for {@code keyId} whose public key is the one {@code keys} (the chain) names, or
     * empty when this service holds no such private key.
     */
    Optional<EventSigner> signerFor(String keyId, TrustedKeys keys) {
        Optional<PublicKey> publicKey = keys.publicKey(keyId);
        if (publicKey.isEmpty()) {
            return Optional.empty();
        }
        if (configured.keyId().equals(keyId)) {
            return Optional.of(configured);
        }
        Path file = fileOf(keyId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        PrivateKey privateKey;
        try {
            privateKey = Ed25519Keys.readPrivateKey(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.error("decision=key-file-refused file={} key_id={} reason=\"{}\"", file, keyId, e.getMessage());
            return Optional.empty();
        }
        EventSigner signer = new EventSigner(new KeyPair(publicKey.get(), privateKey));
        if (!keys.verify(keyId, PROBE, signer.sign(PROBE))) {
            LOG.error("decision=key-file-refused file={} key_id={} reason=\"its private key does not match the public key the log names\"",
                    file, keyId);
            return Optional.empty();
        }
        return Optional.of(signer);
    }

    /**
     * Generates a new pair and writes its private key to {@code signing-key-<keyId>.pem}
     * (created with mode 600, forced to disk) and its public key next to it, before anything
     * names it: a rotation is committed only once the key it names can be loaded again.
     */
    KeyPair create() {
        KeyPair pair = Ed25519Keys.generate();
        String keyId = Ed25519Keys.keyId(pair.getPublic());
        try {
            Ed25519Keys.writeNewPrivateKey(fileOf(keyId), pair);
            Files.writeString(directory.resolve("signing-key-" + keyId + ".pub.pem"), Ed25519Keys.publicKeyPem(pair.getPublic()));
        } catch (IOException | UncheckedIOException e) {
            throw new SigningKeyUnavailableException("cannot write a new signing key into " + directory + " ("
                    + e.getMessage() + "): nothing was rotated; let the service's user write there and retry");
        }
        LOG.info("decision=signing-key-created key_id={} file={}", keyId, fileOf(keyId));
        return pair;
    }
}
