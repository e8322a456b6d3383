package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.Browser;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.PageSession;
import com.cloudquant.liberator.tokenservice.support.TenantPrometheus;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The scope field's Preview in real headless Chromium, against a real token-service, Kafka and Prometheus. */
class ScopePreviewPageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static TenantPrometheus prometheus;
    static final PageSession page = new PageSession();
    static TokenServiceInstance service;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        prometheus = page.own(TenantPrometheus.start(Files.createDirectories(temp.resolve("prometheus"))));
        page.start(settings("tokens-preview-page", prometheus.url()), temp, Duration.ofSeconds(15));
        service = page.service();
        browser = page.browser();
        wait = page.await();
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
    }

    @BeforeEach
    void signedOut() {
        page.signedOut(1280, 900);
    }

    @Test
    void previewShowsHowManySeriesAndWhichMetricsTheScopeSees() {
        openGrafanaDialog(service);
        WebElement preview = browser.findElement(By.id("scope-preview"));
        assertThat(preview.getAttribute("aria-live")).isEqualTo("polite");

        browser.findElement(By.id("scope")).sendKeys("{namespace=\"payments\"}");
        browser.findElement(By.id("preview-scope")).click();

        wait.until(ExpectedConditions.textToBePresentInElement(preview, "This scope sees"));
        assertThat(preview.getText()).isEqualTo("This scope sees 10 series of 3 metrics over the last hour: "
                + "http_requests_total, node_cpu_seconds_total, payments_queue_depth");
        assertThat(preview.findElements(By.xpath("./*"))).isEmpty();
        Browser.screenshot(browser, "grafana-integration-scope-preview");

        browser.findElement(By.id("scope")).sendKeys(" ");
        assertThat(preview.getText()).as("a preview of text no longer in the field").isEmpty();
    }

    @Test
    void aScopeThatMatchesNothingSaysToCheckTheLabels() {
        openGrafanaDialog(service);

        browser.findElement(By.id("scope")).sendKeys("{namespace=\"Payments\"}");
        browser.findElement(By.id("preview-scope")).click();

        WebElement preview = browser.findElement(By.id("scope-preview"));
        wait.until(ExpectedConditions.textToBePresentInElement(preview, "no series"));
        assertThat(preview.getText()).startsWith("This scope sees no series in the last hour — check the label names");
    }

    @Test
    void aBadScopeIsExplainedByTheFieldWithItsPosition() {
        openGrafanaDialog(service);

        browser.findElement(By.id("scope")).sendKeys("{namespace=~\".*\"}");
        browser.findElement(By.id("preview-scope")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scope-error"), "at position 12"));
        assertThat(browser.findElement(By.id("scope")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("scope-preview")).getText()).isEmpty();
    }

    @Test
    void withPrometheusDownThePreviewIsUnavailableButIssuingStillWorks() throws Exception {
        int closedPort = FreePort.pick(); // nothing listens there
        try (TokenServiceInstance down = TokenServiceInstance.start(
                settings("tokens-preview-page-down", "http://127.0.0.1:" + closedPort))) {
            browser.get(down.uri("/login").toString());
            openGrafanaDialog(down);
            browser.findElement(By.id("consumer")).sendKeys("payments-grafana");
            browser.findElement(By.id("scope")).sendKeys("{namespace=\"payments\"}");

            browser.findElement(By.id("preview-scope")).click();

            WebElement preview = browser.findElement(By.id("scope-preview"));
            wait.until(ExpectedConditions.textToBePresentInElement(preview, "unavailable"));
            assertThat(preview.getText()).contains("The scope preview is unavailable")
                    .contains("connection refused").contains("Issuing a token does not need Prometheus");
            browser.findElement(By.id("generate")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value")));
            assertThat(browser.findElement(By.id("fresh-scope")).getText()).isEqualTo("{namespace=\"payments\"}");
        }
    }

    private static Map<String, Object> settings(String topic, String prometheusUrl) {
        return MonitoredSettings.of(KAFKA, topic, temp.resolve("keys-" + topic), prometheusUrl);
    }

    private static void openGrafanaDialog(TokenServiceInstance instance) {
        page.signInAsAdmin(instance);
        browser.findElement(By.id("open-grafana")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grafana-dialog")));
    }
}
