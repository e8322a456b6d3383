package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls-init service's script, run on this host with the same openssl it runs in the image. */
class TlsInitScriptTest {

    @Test
    void makesACertificateForLocalhostNginxAndThePublicHostWithAPrivateKey(@TempDir Path tls) throws IOException {
        Programs.Result result = TlsInit.run(tls, "metrics.example.com");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        Programs.Result names = Programs.run(tls, List.of(Programs.require("openssl", "openssl"), "x509", "-noout", "-text",
                "-in", tls.resolve("liberator.crt").toString()));
        assertThat(names.stdout()).contains("DNS:localhost", "DNS:nginx", "IP Address:127.0.0.1", "DNS:metrics.example.com");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("liberator.key"))))
                .isEqualTo("rw-------");
        assertThat(tls).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void keepsTheCertificateItMadeBefore(@TempDir Path tls) throws IOException {
        TlsInit.makeCertificate(tls);
        String first = Files.readString(tls.resolve("liberator.crt"));

        Programs.Result again = TlsInit.run(tls, "other.example.com");

        assertThat(again.succeeded()).isTrue();
        assertThat(again.output()).contains("keeping the existing certificate");
        assertThat(Files.readString(tls.resolve("liberator.crt"))).isEqualTo(first);
    }

    @Test
    void anAddressAsPublicHostBecomesAnIpName(@TempDir Path tls) {
        TlsInit.run(tls, "192.0.2.7");

        Programs.Result names = Programs.run(tls, List.of(Programs.require("openssl", "openssl"), "x509", "-noout", "-text",
                "-in", tls.resolve("liberator.crt").toString()));
        assertThat(names.stdout()).contains("IP Address:192.0.2.7").doesNotContain("DNS:192.0.2.7");
    }
}
