package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.PageSession;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page when the audit log (Kafka) is down: a plain message and no token. Own class: it stops the broker. */
class KafkaDownPageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static final PageSession page = new PageSession();
    static TokenServiceInstance service;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        page.start(TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-page-outage"), temp.resolve("keys")), temp, Duration.ofSeconds(20));
        service = page.service();
        browser = page.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
    }

    @Test
    void generatingWhileKafkaIsDownSaysNothingWasIssued() {
        page.signInAsAdmin(service);
        browser.findElement(By.id("open-grafana")).click();
        KAFKA.broker().stop();

        browser.findElement(By.id("consumer")).sendKeys("grafana-prod");
        browser.findElement(By.id("generate")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("dialog-error"), "The audit log is unavailable, nothing was issued"));
        assertThat(browser.findElement(By.id("fresh-token")).isDisplayed()).isFalse();
        assertThat(browser.getPageSource()).doesNotContainPattern("cqm_[0-9a-f]{48}");
    }
}
