package com.cloudquant.liberator.gateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.testing.SignedLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import com.cloudquant.liberator.process.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration stops the replica at start-up with a message naming the key. */
class StartupConfigurationTest {

    @TempDir
    Path dir;

    private Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        int[] ports = FreePort.distinct(3);
        props.put("micronaut.server.port", ports[0]);
        props.put("endpoints.all.port", ports[1]);
        props.put("liberator.kafka.bootstrap-servers", "127.0.0.1:" + ports[2]);
        props.put("liberator.signing.public-key-files", new SignedLog().writePublicKey(dir).toString());
        props.put("liberator.gateway.upstream-url", "http://127.0.0.1:9090");
        return props;
    }

    private static void start(Map<String, Object> props) {
        ApplicationContext.run(EmbeddedServer.class, props).close();
    }

    @Test
    void aManagementPortEqualToThePublicPortIsRefusedNamingBothKeys() {
        Map<String, Object> props = valid();
        props.put("endpoints.all.port", props.get("micronaut.server.port"));
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("endpoints.all.port")
                .hasStackTraceContaining("micronaut.server.port");
    }

    @Test
    void tlsOnTheServiceItselfIsRefusedRatherThanSilentlyOffOnThePublicPort() {
        Map<String, Object> props = valid();
        props.put("micronaut.server.ssl.enabled", true);
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("micronaut.server.ssl.enabled")
                .hasStackTraceContaining("terminate TLS at the proxy");
    }

    @Test
    void missingPublicKeyFileNamesTheKey() {
        Map<String, Object> props = valid();
        props.put("liberator.signing.public-key-files", dir.resolve("absent.pem").toString());
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("liberator.signing.public-key-files[0]")
                .hasStackTraceContaining("absent.pem");
    }

    @Test
    void publicKeyFileThatIsNotAKeyNamesTheKey() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        Map<String, Object> props = valid();
        props.put("liberator.signing.public-key-files", garbage.toString());
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("liberator.signing.public-key-files[0]");
    }

    @Test
    void noPublicKeyConfiguredNamesTheKey() {
        Map<String, Object> props = valid();
        props.remove("liberator.signing.public-key-files");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("public-key-files");
    }

    @Test
    void badTrustedProxyCidrNamesTheKey() {
        Map<String, Object> props = valid();
        props.put("liberator.trusted-proxies", "10.0.0.0/99");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("liberator.trusted-proxies");
    }

    @Test
    void upstreamUrlThatIsNotHttpNamesTheKey() {
        Map<String, Object> props = valid();
        props.put("liberator.gateway.upstream-url", "ftp://prometheus");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("liberator.gateway.upstream-url");
    }

    @ParameterizedTest
    @CsvSource({
            "max-range, -1d, must be >= 0 (0 = no limit)",
            "max-lookback, -5s, must be >= 0 (0 = no limit)",
            "min-step, -1s, must be >= 0 (0 = no limit)",
            "max-points-per-series, 0, must be > 0",
            "max-query-length, 0, must be > 0",
            "rate-per-second, 0, must be a number > 0",
            "rate-per-second, -3, must be a number > 0",
            "burst, 0, must be >= 1"})
    void aQueryLimitThatCannotBeALimitStopsStartUpNamingTheKey(String key, String value, String rule) {
        Map<String, Object> props = valid();
        props.put("liberator.gateway.limits." + key, value);
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("liberator.gateway.limits." + key + " " + rule);
    }
}
