package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.events.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for https://localhost, made once with openssl and then reused. */
final class TlsCertificate {

    private TlsCertificate() {
    }

    static void ensure(Programs programs, Path dir) {
        Path cert = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return;
        }
        List<String> command = List.of(programs.path("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "825", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString());
        try {
            // openssl writes the key into the file it finds and keeps its mode; made here with
            // mode 600, it is never readable by others (openssl's own file would follow the umask)
            Files.deleteIfExists(key);
            OwnerOnlyFiles.createEmpty(key);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new LocalStackException("openssl could not make the self-signed certificate: "
                        + new String(output));
            }
        } catch (IOException e) {
            throw new LocalStackException("cannot run openssl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while making the certificate", e);
        }
    }
}
