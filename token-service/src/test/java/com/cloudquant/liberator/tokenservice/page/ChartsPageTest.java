package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.BackfilledPrometheus;
import com.cloudquant.liberator.tokenservice.support.GatewayHistory;
import com.cloudquant.liberator.tokenservice.support.Browser;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.PageSession;
import com.cloudquant.liberator.tokenservice.support.TenantPrometheus;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

/**
 * The System Monitoring charts in real headless Chromium, against a real token-service, Kafka and a
 * real Prometheus holding 75 minutes of gateway metrics: drawn under the page's CSP, with legends.
 */
class ChartsPageTest {

    /** Runs before any script of every page: counts CSP violations and uncaught errors where the test can read them. */
    private static final String WATCH = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            window.addEventListener('error', e => window.__violations.push('error ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__violations.push('rejection ' + e.reason));
            """;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static BackfilledPrometheus prometheus;
    static final PageSession page = new PageSession();
    static TokenServiceInstance service;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        prometheus = page.own(GatewayHistory.endingNow().serve(Files.createDirectories(temp.resolve("prometheus"))));
        page.start(settings("tokens-charts-page", prometheus.url()), temp, Duration.ofSeconds(20));
        service = page.service();
        browser = page.browser();
        wait = page.await();
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
    }

    @BeforeEach
    void signedOut() {
        page.signedOut(1280, 1500);
    }

    @AfterEach
    void noCspViolationNorScriptError() {
        assertThat((List<?>) browser.executeScript("return window.__violations || []")).isEmpty();
    }

    @Test
    void everyChartIsDrawnWithItsLegendUnderTheCsp() {
        page.signInAsAdmin(service);

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#charts-grid figure.chart canvas"), 5));
        assertThat(texts("#charts-grid figcaption")).containsExactly("Gateway requests / s by status class",
                "Upstream latency, p95", "Gateway auth failures / s by reason", "Requests / s per consumer (top 10)",
                "Prometheus targets up");
        assertThat(legend("requests")).containsExactly("2xx", "4xx", "5xx");
        assertThat(legend("latency")).containsExactly("p95");
        assertThat(legend("auth-failures")).containsExactly("expired", "unknown");
        assertThat(legend("consumers")).hasSize(10).contains("grafana-prod", "ci-bot").doesNotContain("-", "team-01");
        assertThat(legend("targets")).containsExactly("up", "configured");
        for (WebElement canvas : browser.findElements(By.cssSelector("#charts-grid canvas"))) {
            assertThat(canvas.getSize().getWidth()).as("a plot as wide as its card").isGreaterThan(400);
            assertThat((Long) browser.executeScript("""
                    const c = arguments[0], data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let drawn = 0;
                    for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) drawn++; }
                    return drawn;""", canvas)).as("pixels drawn on the canvas").isGreaterThan(1000L);
        }
        assertThat(browser.findElement(By.id("charts-message")).getText()).contains("The last hour", "UTC");
        assertThat(browser.findElements(By.cssSelector(".chart-empty"))).isEmpty();
        Browser.screenshot(browser, "system-monitoring-charts");
    }

    @Test
    void theRangePickerAsksForAnotherRange() {
        page.signInAsAdmin(service);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#charts-grid figure.chart canvas"), 5));

        WebElement day = browser.findElement(By.cssSelector("#chart-ranges button[data-range='24h']"));
        day.click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("charts-message"), "24 hours"));
        assertThat(browser.findElement(By.id("charts-message")).getText()).contains("one point every 300 s");
        assertThat(day.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#chart-ranges button[data-range='1h']")).getAttribute("aria-pressed"))
                .isEqualTo("false");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#charts-grid figure.chart canvas"), 5));
    }

    @Test
    void beforeAnyGatewayTrafficTheChartsSayNoDataYet() throws Exception {
        try (TenantPrometheus noGateways = TenantPrometheus.start(Files.createDirectories(temp.resolve("prometheus-empty")));
             TokenServiceInstance fresh = TokenServiceInstance.start(settings("tokens-charts-page-empty", noGateways.url()))) {
            // the newest point is on the 15 s grid: wait until one comes after Prometheus's first scrape
            await().atMost(Duration.ofSeconds(30)).until(() -> fresh.get("/api/v1/monitoring/charts?range=1h",
                    TokenServiceInstance.ADMIN).body().contains("\"name\":\"up\""));
            page.signInAsAdmin(fresh);

            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#charts-grid figure.chart"), 5));
            assertThat(browser.findElements(By.cssSelector(".chart-empty"))).hasSize(4)
                    .allSatisfy(empty -> assertThat(empty.getText()).startsWith("No data yet"));
            assertThat(legend("targets")).as("Prometheus scrapes its tenants: its own health has data")
                    .containsExactly("up", "configured");
        }
    }

    @Test
    void withPrometheusDownTheChartsSayItIsUnreachable() throws Exception {
        int closedPort = FreePort.pick(); // nothing listens there
        try (TokenServiceInstance down = TokenServiceInstance.start(
                settings("tokens-charts-page-down", "http://127.0.0.1:" + closedPort))) {
            page.signInAsAdmin(down);

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("charts-message"), "unreachable"));
            assertThat(browser.findElement(By.id("charts-message")).getText())
                    .contains("http://127.0.0.1:" + closedPort, "connection refused");
            assertThat(browser.findElement(By.id("charts-grid")).isDisplayed()).isFalse();
        }
    }

    private static Map<String, Object> settings(String topic, String prometheusUrl) {
        return MonitoredSettings.of(KAFKA, topic, temp.resolve("keys-" + topic), prometheusUrl);
    }

    /** The series names in a chart's legend, as drawn (the first row of uPlot's legend is the time). */
    private static List<String> legend(String chart) {
        List<String> names = texts("figure[data-chart='" + chart + "'] .u-legend .u-series th");
        return names.subList(1, names.size());
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
