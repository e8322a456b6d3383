package com.cloudquant.liberator.audit.cli;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi;

/**
 * Puts BouncyCastle's Ed25519 verifier ahead of the JDK's for this process only. JDK 17
 * verifies ~1,400 signatures/s per core, BouncyCastle ~10,000: with one signature per
 * event, that is the difference between minutes and seconds for a large log. Only the
 * {@code Signature.Ed25519} service is registered, so TLS to Kafka keeps the JDK's
 * providers. The verdicts are the same (both implement RFC 8032).
 */
final class FastEd25519 {

    private static final String NAME = "LiberatorAuditEd25519";

    private FastEd25519() {
    }

    static void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new Ed25519Only(), 1);
        }
    }

    private static final class Ed25519Only extends Provider {
        private static final long serialVersionUID = 1L;

        Ed25519Only() {
            super(NAME, "1", "BouncyCastle Ed25519 signatures only");
            put("Signature.Ed25519", SignatureSpi.Ed25519.class.getName());
        }
    }
}
