package com.cloudquant.liberator.events;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.function.Supplier;

/**
 * The JDK's own Ed25519, counted: installed ahead of it for the length of one call, so a test
 * can see how many signatures a verifier really checked (on the calling thread).
 */
final class CountingEd25519 {

    private static final String NAME = "CountingEd25519";
    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

    private CountingEd25519() {
    }

    static long verifications() {
        return COUNT.get()[0];
    }

    static <T> T during(Supplier<T> call) {
        Security.insertProviderAt(new Counting(), 1);
        try {
            return call.get();
        } finally {
            Security.removeProvider(NAME);
        }
    }

    private static final class Counting extends Provider {
        private static final long serialVersionUID = 1L;

        Counting() {
            super(NAME, "1", "JDK Ed25519, verifications counted");
            put("Signature.Ed25519", Spi.class.getName());
        }
    }

    /** Delegates to the JDK's SunEC Ed25519; counts each verify. */
    public static final class Spi extends SignatureSpi {
        private final Signature jdk;

        public Spi() throws Exception {
            jdk = Signature.getInstance("Ed25519", "SunEC");
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            COUNT.get()[0]++;
            return jdk.verify(sigBytes);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
