package com.cloudquant.liberator.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 key files in the PEM formats OpenSSL uses ({@code PRIVATE KEY} = PKCS#8,
 * {@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo), and the key id derived from a
 * public key: the first 16 hex characters of SHA-256 over its DER encoding.
 */
public final class Ed25519Keys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519Keys() {
    }

    /** A fresh key pair from the JDK's Ed25519 provider. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
    }

    /** {@code sha256(DER(publicKey))[0..16)} in lowercase hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PKCS#8 PEM private key, naming the file in any error. */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(pem(file, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /** Reads an X.509 PEM public key, naming the file in any error. */
    public static PublicKey readPublicKey(Path file) {
        return publicKey(pem(file, PUBLIC), file.toString());
    }

    /**
     * Parses the PEM text of an X.509 public key ({@link #publicKeyPem}'s format).
     *
     * @throws IllegalArgumentException when it is not an Ed25519 public key in PEM
     */
    public static PublicKey publicKeyFromPem(String pemText) {
        return publicKey(pem(pemText, PUBLIC, "the public key"), "the public key");
    }

    private static PublicKey publicKey(byte[] der, String what) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * Generates a pair and writes it as PEM files, the private one (which must not exist yet)
     * readable by its owner only from its creation on ({@link #writeNewPrivateKey}); returns the pair.
     */
    public static KeyPair generateInto(Path privateKeyFile, Path publicKeyFile) {
        KeyPair pair = generate();
        try {
            if (privateKeyFile.getParent() != null) {
                Files.createDirectories(privateKeyFile.getParent());
            }
            if (publicKeyFile.getParent() != null) {
                Files.createDirectories(publicKeyFile.getParent());
            }
            writeNewPrivateKey(privateKeyFile, pair);
            Files.writeString(publicKeyFile, toPem(PUBLIC, pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key files " + privateKeyFile + ", " + publicKeyFile, e);
        }
        return pair;
    }

    /** PEM text of a public key, e.g. to hand to gateways and auditors. */
    public static String publicKeyPem(PublicKey key) {
        return toPem(PUBLIC, key.getEncoded());
    }

    private static String toPem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * Writes {@code pair}'s private key to {@code privateKeyFile}, a file that must not exist yet
     * and is created readable and writable by its owner only (on a POSIX file system the mode is
     * set as it is created, so the key is never readable by others, not even for a moment), and
     * forces it to disk.
     */
    public static void writeNewPrivateKey(Path privateKeyFile, KeyPair pair) {
        try {
            OwnerOnlyFiles.writeNew(privateKeyFile, toPem(PRIVATE, pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create private key file " + privateKeyFile, e);
        }
    }

    private static byte[] pem(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        return pem(text, label, file.toString());
    }

    private static byte[] pem(String text, String label, String file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from + begin.length());
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " has no '" + begin + "' block");
        }
        String base64 = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " has invalid base64 in its PEM block", e);
        }
    }
}
