package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.Browser;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.PageSession;
import com.cloudquant.liberator.tokenservice.support.FakePrometheus;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.Yaml;

/** The token management page in real headless Chromium against a real token-service and Kafka. */
class TokenPageTest {

    /** The one source of the dialog's YAML (the pom copies it into the jar). */
    static final Path DEPLOYED_DATASOURCE = Path.of("../infra/grafana/provisioning/datasources/cloudquant.yaml");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static MockOAuth2Server idp;
    static FakePrometheus prometheus;
    static final PageSession page = new PageSession();
    static TokenServiceInstance service;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start();
        page.own(idp::shutdown);
        prometheus = page.own(FakePrometheus.start(Map.of("sum(up)", "3", "count(up)", "4",
                "sum(rate(liberator_gateway_requests_total[5m]))", "12.5",
                "sum(increase(liberator_gateway_auth_failures_total[1h]))", "2")));
        Map<String, Object> settings = MonitoredSettings.trusting(MonitoredSettings.of(KAFKA, "tokens-page",
                temp.resolve("keys"), prometheus.url()), idp, "liberator-page");
        settings.put("micronaut.security.oauth2.clients.liberator.client-id", "liberator-page");
        settings.put("micronaut.security.oauth2.clients.liberator.client-secret", "page-secret");
        settings.put("micronaut.security.oauth2.clients.liberator.openid.issuer", idp.issuerUrl("corp").toString());
        page.start(settings, temp, Duration.ofSeconds(15));
        service = page.service();
        browser = page.browser();
        wait = page.await();
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
    }

    @BeforeEach
    void signedOutAt1280() {
        page.signedOut(1280, 900);
    }

    @Test
    void aWrongPasswordIsRefusedOnTheSignInForm() {
        browser.get(service.uri("/").toString());
        wait.until(ExpectedConditions.urlContains("/login"));

        Browser.submitSignIn(browser, "admin", "not the password");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
        assertThat(browser.manage().getCookieNamed("JWT")).isNull();
    }

    @Test
    void aGeneratedTokenIsShownOnceWithCopyAndProvisioningYamlThenIsGoneForGood() {
        signInAsAdmin();
        openGrafanaDialog();

        browser.findElement(By.id("consumer")).sendKeys("grafana-prod");
        browser.findElement(By.id("generate")).click();

        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value")));
        String value = token.getText();
        assertThat(value).matches("cqm_[0-9a-f]{48}");
        assertThat(browser.findElement(By.id("fresh-token")).getText()).contains("Treat it like a password");
        // filled in from the deployment's data-source file, which the page fetches
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("provisioning-yaml"), "apiVersion"));
        String yaml = browser.findElement(By.id("provisioning-yaml")).getText();
        assertThat(yaml).contains("url: " + service.uri("").toString() + "/metrics-api-bearer")
                .contains("httpHeaderValue1: \"Bearer " + value + "\"");
        assertThat(datasource(yaml)).isEqualTo(deployedDatasourceFilledIn(service.uri("") + "/metrics-api-bearer",
                "Bearer " + value));
        assertThat(yaml).startsWith("apiVersion: 1").doesNotContain("#").doesNotContain("${");
        String hint = value.substring(0, 8) + "…" + value.substring(value.length() - 4);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));
        assertThat(rowOf(hint).getText()).contains("grafana-prod").contains("admin").contains("active");
        Browser.screenshot(browser, "grafana-integration-new-token");

        browser.findElement(By.id("copy-token")).click();
        // headless Chromium has no readable system clipboard; the status is shown only once writeText succeeded
        wait.until(ExpectedConditions.textToBe(By.id("copy-status"), "Copied to the clipboard."));

        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("grafana-dialog")));
        assertThat(browser.getPageSource()).doesNotContain(value);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("open-grafana");

        browser.navigate().refresh();
        waitUntilReady();
        openGrafanaDialog();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));
        assertThat(browser.findElement(By.id("fresh-token")).isDisplayed()).isFalse();
        assertThat(browser.getPageSource()).doesNotContain(value);
        assertThat(browser.getCurrentUrl()).doesNotContain(value);
        assertThat(browser.executeScript("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                .isEqualTo("{}{}");
    }

    @Test
    void aBadConsumerNameIsExplainedByTheFieldAndNothingIsIssued() {
        signInAsAdmin();
        openGrafanaDialog();

        browser.findElement(By.id("consumer")).sendKeys("Grafana Prod");
        browser.findElement(By.id("generate")).click();

        assertThat(browser.findElement(By.id("consumer-error")).getText()).contains("lowercase letters");
        assertThat(browser.findElement(By.id("consumer")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("fresh-token")).isDisplayed()).isFalse();
    }

    @Test
    void anExpiryDateIsIssuedAsMidnightUtcAndListed() {
        signInAsAdmin();
        openGrafanaDialog();

        browser.findElement(By.id("consumer")).sendKeys("grafana-expiring");
        // the date picker's typed format depends on the locale; the value property does not
        browser.executeScript("document.getElementById('expiry').value = '2027-01-31'");
        browser.findElement(By.id("generate")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "2027-01-31 00:00:00"));
        assertThat(service.get("/api/v1/tokens?consumer=grafana-expiring", TokenServiceInstance.ADMIN).body())
                .contains("\"expiresAt\":\"2027-01-31T00:00:00Z\"");
    }

    /**
     * A label value may hold anything, markup included: the scope is shown as text in the fresh
     * token and in the list, never parsed as HTML, and the field explains itself with examples.
     */
    @Test
    void aScopedTokenIsIssuedFromTheFormAndItsScopeIsShownAsTextNeverAsMarkup() {
        signInAsAdmin();
        openGrafanaDialog();
        assertThat(browser.findElement(By.id("scope-help")).getText()).contains("{namespace=\"payments\"}")
                .contains("{namespace=\"payments\",cluster=~\"eu-.*\"}").contains("sees everything");

        browser.findElement(By.id("consumer")).sendKeys("payments-grafana");
        browser.findElement(By.id("scope")).sendKeys("{ namespace = 'payments', team=\"<img src=x id=injected>\" }");
        browser.findElement(By.id("generate")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value")));
        String canonical = "{namespace=\"payments\",team=\"<img src=x id=injected>\"}";
        assertThat(browser.findElement(By.id("fresh-scope")).getText()).isEqualTo(canonical);
        String hint = service.get("/api/v1/tokens?consumer=payments-grafana", TokenServiceInstance.ADMIN).body()
                .replaceAll("(?s).*\"hint\":\"([^\"]+)\".*", "$1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));
        assertThat(rowOf(hint).findElement(By.cssSelector("td.scope")).getText()).isEqualTo(canonical);
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tokens img, #fresh-token img"))).isEmpty();
        Browser.screenshot(browser, "grafana-integration-scoped-token");
    }

    @Test
    void aBadScopeIsExplainedByTheFieldWithThePositionAndNothingIsIssued() {
        signInAsAdmin();
        openGrafanaDialog();

        browser.findElement(By.id("consumer")).sendKeys("badly-scoped");
        browser.findElement(By.id("scope")).sendKeys("{namespace=~\".*\"}");
        browser.findElement(By.id("generate")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scope-error"), "at position 12"));
        assertThat(browser.findElement(By.id("scope-error")).getText()).contains("matches the empty value");
        assertThat(browser.findElement(By.id("scope")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("fresh-token")).isDisplayed()).isFalse();
        assertThat(service.get("/api/v1/tokens?consumer=badly-scoped", TokenServiceInstance.ADMIN).body()).isEqualTo("[]");
    }

    @Test
    void aReplacementStartsWithTheOldTokensScopeAndAnUnscopedTokenIsListedAsSeeingAllSeries() {
        String scoped = TokenServiceInstance.json(service.post("/api/v1/tokens",
                "{\"consumer\":\"grafana-eu\",\"scope\":\"{cluster=~'eu-.*'}\"}", TokenServiceInstance.ADMIN))
                .get("hint").asText();
        String unscoped = service.issue("grafana-eu").get("hint").asText();
        signInAsAdmin();
        openGrafanaDialog();
        browser.findElement(By.id("filter")).sendKeys("grafana-eu");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), scoped));

        assertThat(rowOf(unscoped).findElement(By.cssSelector("td.scope")).getText()).isEqualTo("all series");
        rowOf(scoped).findElement(By.cssSelector("button.replace")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotation")));
        assertThat(browser.findElement(By.id("scope")).getAttribute("value")).isEqualTo("{cluster=~\"eu-.*\"}");
        assertThat(browser.findElement(By.id("consumer")).getAttribute("value")).isEqualTo("grafana-eu");
    }

    @Test
    void revokingAsksForAConfirmationNamingConsumerAndHint() {
        String hint = service.issue("grafana-old").get("hint").asText();
        signInAsAdmin();
        openGrafanaDialog();
        browser.findElement(By.id("filter")).sendKeys("grafana-old");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));

        rowOf(hint).findElement(By.cssSelector("button.revoke")).click();
        WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text")));
        assertThat(question.getText()).contains("grafana-old").contains(hint);
        browser.findElement(By.id("confirm-cancel")).click();
        assertThat(rowOf(hint).getText()).contains("active");

        rowOf(hint).findElement(By.cssSelector("button.revoke")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "revoked by admin"));
        assertThat(rowOf(hint).findElements(By.cssSelector("button.revoke"))).isEmpty();
    }

    @Test
    void issuingAReplacementWalksThroughTheRotationSteps() {
        String hint = service.issue("grafana-rotate").get("hint").asText();
        signInAsAdmin();
        openGrafanaDialog();
        browser.findElement(By.id("filter")).sendKeys("grafana-rotate");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));

        rowOf(hint).findElement(By.cssSelector("button.replace")).click();

        WebElement rotation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotation")));
        assertThat(rotation.getText()).contains("grafana-rotate").contains("health check")
                .contains("Only then revoke the old token");
        assertThat(browser.findElement(By.id("consumer")).getAttribute("value")).isEqualTo("grafana-rotate");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("generate");
    }

    @Test
    void anAuditorSeesTheListAndTheAuditLogButNoControls() {
        String hint = service.issue("grafana-audited").get("hint").asText();
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "bob-subject", "JWT", List.of("liberator-page"),
                Map.of("preferred_username", "bob", "groups", List.of("auditor")), 3600));

        browser.get(service.uri("/oauth/login/liberator").toString());
        waitUntilReady();

        assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("bob");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-result"), "Hash chain intact"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-events"), hint));
        assertThat(browser.findElement(By.id("audit-events")).getText()).contains("TokenIssued").contains("admin");
        openGrafanaDialog();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), hint));
        assertThat(browser.findElements(By.id("generate-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tokens button"))).isEmpty();
    }

    @Test
    void aStateChangingCallWithoutTheCsrfTokenIsRefused() {
        signInAsAdmin();

        Object withoutToken = browser.executeAsyncScript("fetch('/api/v1/tokens', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({consumer: 'csrf-victim'})})"
                + ".then(r => arguments[0](r.status))");
        Object wrongToken = browser.executeAsyncScript("fetch('/api/v1/tokens', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json', 'X-CSRF-Token': 'guess'}, "
                + "body: JSON.stringify({consumer: 'csrf-victim'})}).then(r => arguments[0](r.status))");

        assertThat(withoutToken).isEqualTo(403L);
        assertThat(wrongToken).isEqualTo(403L);
        assertThat(service.get("/api/v1/tokens?consumer=csrf-victim", TokenServiceInstance.ADMIN).body()).isEqualTo("[]");
    }

    @Test
    void theMonitoringViewShowsTheUpstreamNumbers() {
        signInAsAdmin();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monitoring-numbers")));
        assertThat(browser.findElement(By.id("targets-up")).getText()).isEqualTo("3 of 4");
        assertThat(browser.findElement(By.id("request-rate")).getText()).isEqualTo("12.50");
        assertThat(browser.findElement(By.id("auth-failures")).getText()).isEqualTo("2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-result"), "Hash chain intact"));
        Browser.screenshot(browser, "system-monitoring");
    }

    @Test
    void signingOutEndsTheSession() {
        signInAsAdmin();

        browser.findElement(By.id("sign-out")).click();

        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(service.uri("/").toString());
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.manage().getCookieNamed("JWT")).isNull();
    }

    @Test
    void theListWorksAt390PixelsWide() {
        service.issue("grafana-mobile");
        service.issue("federated-prometheus-eu");
        String old = service.issue("grafana-staging").get("id").asText();
        service.delete("/api/v1/tokens/" + old + "?reason=rotated", TokenServiceInstance.ADMIN);
        signInAsAdmin();
        Browser.resize(browser, 390, 844);
        openGrafanaDialog();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "grafana-mobile"));

        Number dialogWidth = (Number) browser.executeScript(
                "return document.getElementById('grafana-dialog').getBoundingClientRect().width");
        assertThat(dialogWidth.intValue()).isLessThanOrEqualTo(390);
        assertThat(browser.findElement(By.id("generate")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "grafana-integration-390px");
        browser.findElement(By.id("close-dialog")).click();
        Browser.resize(browser, 1280, 900);
        openGrafanaDialog();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "grafana-mobile"));
        Browser.screenshot(browser, "grafana-integration-list");
    }

    private void signInAsAdmin() {
        page.signInAsAdmin(service);
    }

    private void waitUntilReady() {
        Browser.waitUntilReady(browser);
    }

    private void openGrafanaDialog() {
        browser.findElement(By.id("open-grafana")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grafana-dialog")));
    }

    private WebElement rowOf(String hint) {
        return browser.findElement(By.xpath("//table[@id='tokens']//tr[td[normalize-space()='" + hint + "']]"));
    }

    /** The deployment's file (docker-compose.yml's Grafana reads it) with its two variables as given. */
    private static Map<String, Object> deployedDatasourceFilledIn(String url, String authorization) {
        Map<String, Object> datasource;
        try {
            datasource = datasource(Files.readString(DEPLOYED_DATASOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        datasource.put("url", url);
        datasource.put("secureJsonData", Map.of("httpHeaderValue1", authorization));
        return datasource;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> datasource(String yaml) {
        Map<String, Object> file = new Yaml().load(yaml);
        assertThat(file).containsEntry("apiVersion", 1);
        return (Map<String, Object>) ((List<?>) file.get("datasources")).get(0);
    }
}
