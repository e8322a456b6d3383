package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TrustedKeys;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi;

/**
 * Single-thread Ed25519 verifications per second through shared-events' {@code TrustedKeys},
 * first with the JDK's provider, then with BouncyCastle's put first (what liberator-audit
 * does). One verification per event is the floor of {@code verify}'s cost.
 *
 * <pre>java -cp … Ed25519Throughput [signatures=5000]</pre>
 */
public final class Ed25519Throughput {

    private Ed25519Throughput() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("signatures=", "")) : 5000;
        EventSigner signer = new EventSigner(Ed25519Keys.generate());
        TrustedKeys keys = signer.trustedKeys();
        String[] hashes = new String[n];
        String[] signatures = new String[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = String.format("%064x", i);
            signatures[i] = signer.sign(hashes[i]);
        }
        System.out.println("| provider | verifications/s, 1 thread (best of 3) |");
        System.out.println("|---|---|");
        System.out.printf("| JDK 17 SunEC | %,.0f |%n", bestOfThree(keys, signer.keyId(), hashes, signatures));
        Security.insertProviderAt(new Provider("BenchEd25519", "1", "BouncyCastle Ed25519 only") {
            private static final long serialVersionUID = 1L;

            {
                put("Signature.Ed25519", SignatureSpi.Ed25519.class.getName());
            }
        }, 1);
        System.out.printf("| BouncyCastle | %,.0f |%n", bestOfThree(keys, signer.keyId(), hashes, signatures));
    }

    private static double bestOfThree(TrustedKeys keys, String keyId, String[] hashes, String[] signatures) {
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < hashes.length; i++) {
                if (!keys.verify(keyId, hashes[i], signatures[i])) {
                    throw new IllegalStateException("signature " + i + " does not verify");
                }
            }
            best = Math.max(best, hashes.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
