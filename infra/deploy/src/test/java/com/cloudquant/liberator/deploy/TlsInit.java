package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs infra/docker/tls-init/make-self-signed-cert.sh, the script of the compose file's
 * tls-init service, on this host: same script, same openssl, a temp directory for the volume.
 */
final class TlsInit {

    static final Path SCRIPT = Repository.path("infra/docker/tls-init/make-self-signed-cert.sh");

    private TlsInit() {
    }

    static Programs.Result run(Path tlsDir, String publicHost) {
        Programs.require("openssl", "openssl");
        String sh = Programs.require("sh", "dash");
        return Programs.run(tlsDir, List.of(sh, SCRIPT.toString()), environment -> {
            environment.put("TLS_DIR", tlsDir.toString());
            environment.put("LIBERATOR_PUBLIC_HOST", publicHost);
        });
    }

    /** The certificate and key nginx expects, as tls-init makes them on first start. */
    static void makeCertificate(Path tlsDir) {
        Programs.Result result = run(tlsDir, "localhost");
        assertThat(result.succeeded()).as("tls-init script: %s", result.output()).isTrue();
        assertThat(tlsDir.resolve("liberator.crt")).isRegularFile();
        assertThat(tlsDir.resolve("liberator.key")).isRegularFile();
    }
}
