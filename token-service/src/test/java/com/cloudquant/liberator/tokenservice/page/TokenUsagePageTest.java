package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.BackfilledPrometheus;
import com.cloudquant.liberator.tokenservice.support.Browser;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.PageSession;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.cloudquant.liberator.tokenservice.support.TokenUsageHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The token list's Last used and Requests (24 h) columns in headless Chromium, from a real Prometheus
 * holding the gateways' per-token meters; and what the list says once that Prometheus is killed.
 */
class TokenUsagePageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static BackfilledPrometheus prometheus;
    static final PageSession page = new PageSession();
    static TokenServiceInstance service;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String busyHint;
    static String idleHint;
    static String neverHint;
    static long usedAt;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePort.pick();
        Map<String, Object> settings = MonitoredSettings.of(KAFKA, "tokens-usage-page", temp.resolve("keys"),
                "http://127.0.0.1:" + port);
        settings.put("liberator.monitoring.unused-after", "1d");
        service = page.serve(settings);
        var busy = service.issue("grafana-busy");
        var idle = service.issue("grafana-idle");
        neverHint = service.issue("grafana-new").get("hint").asText();
        busyHint = busy.get("hint").asText();
        idleHint = idle.get("hint").asText();

        long now = Instant.now().getEpochSecond();
        usedAt = now - 180;
        String history = new TokenUsageHistory()
                // 4 requests a minute for the last hour until 3 minutes ago
                .served(busy.get("id").asText(), "gw-1", now - 3600, now, t -> Math.min(t, usedAt),
                        t -> (Math.min(t, usedAt) - (now - 3600)) / TokenUsageHistory.STEP)
                .served(idle.get("id").asText(), "gw-1", now - 2 * 86400, now, t -> now - 2 * 86400, t -> 3)
                .openMetrics();
        prometheus = page.own(BackfilledPrometheus.start(Files.createDirectories(temp.resolve("prometheus")), port,
                history, GatewayMetric.TOKEN_LAST_REQUEST.series()));
        page.browse(temp, Duration.ofSeconds(15));
        browser = page.browser();
        wait = page.await();
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
    }

    @Test
    void theListShowsLastUsedAndRequestsPerTokenMarksUnusedOnesAndSaysWhenPrometheusIsGone() {
        Browser.resize(browser, 1400, 900);
        page.signInAsAdmin(service);
        openList();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), neverHint));

        WebElement busy = rowOf(busyHint);
        assertThat(cell(busy, "Last used").getText()).isEqualTo("3 min ago");
        assertThat(cell(busy, "Last used").getAttribute("title"))
                .isEqualTo(Instant.ofEpochSecond(usedAt).toString().replace('T', ' ').replace("Z", " UTC"));
        assertThat(Long.parseLong(cell(busy, "Requests (24 h)").getText())).isBetween(228L, 230L);
        assertThat(busy.getAttribute("class")).doesNotContain("unused");

        WebElement idle = rowOf(idleHint);
        assertThat(cell(idle, "Last used").getText()).isEqualTo("2 d ago unused");
        assertThat(cell(idle, "Requests (24 h)").getText()).isEqualTo("0");
        assertThat(idle.getAttribute("class")).contains("unused");

        WebElement fresh = rowOf(neverHint);
        assertThat(cell(fresh, "Last used").getText()).isEqualTo("never");
        assertThat(cell(fresh, "Requests (24 h)").getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("usage-status")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "token-list-usage");

        prometheus.kill();
        browser.navigate().refresh();
        Browser.waitUntilReady(browser);
        openList();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("usage-status")));
        assertThat(browser.findElement(By.id("usage-status")).getText())
                .isEqualTo("Last used and requests are unknown: Prometheus is unreachable: connection refused."
                        + " They return when it answers.");
        assertThat(cell(rowOf(busyHint), "Last used").getText()).isEqualTo("–");
        assertThat(cell(rowOf(busyHint), "Requests (24 h)").getText()).isEqualTo("–");
        assertThat(rowOf(idleHint).getAttribute("class")).as("unknown use flags nothing").doesNotContain("unused");
    }

    private static void openList() {
        browser.findElement(By.id("open-grafana")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grafana-dialog")));
    }

    private static WebElement rowOf(String hint) {
        return browser.findElement(By.xpath("//table[@id='tokens']//tr[td[normalize-space()='" + hint + "']]"));
    }

    /** The cell of {@code row} under the column headed {@code header}. */
    private static WebElement cell(WebElement row, String header) {
        int column = browser.findElements(By.cssSelector("#tokens thead th")).stream().map(WebElement::getText)
                .toList().indexOf(header);
        assertThat(column).as("column %s", header).isNotNegative();
        return row.findElements(By.tagName("td")).get(column);
    }
}
