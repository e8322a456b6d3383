package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts' library is served from the webjar of the version the pom names: the path
 * application.yml maps is filled in from that version when the resources are built, so a
 * version bump in one place cannot leave the page without its charts.
 */
class ChartLibraryAssetTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static TokenServiceInstance service;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = TokenServiceInstance.start(TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-chart-library"), keys));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theChartsLibraryAndItsStylesAreServedWithoutSigningIn() throws Exception {
        HttpResponse<String> script = get("/assets/uplot/uPlot.esm.js");
        HttpResponse<String> styles = get("/assets/uplot/uPlot.min.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("export").contains("uPlot");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.body()).contains(".uplot");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
