package com.cloudquant.liberator.tokenservice.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every page test starts before its first test: the parts it needs (an identity provider, a
 * Prometheus), then a real token-service, then headless Chromium; and stops them in the reverse order,
 * so the browser never outlives the service it is looking at. Only what started is stopped.
 */
public final class PageSession implements AutoCloseable {

    private final Started started = new Started();
    private TokenServiceInstance service;
    private ChromeDriver browser;
    private WebDriverWait wait;

    /** Stops {@code part} on {@link #close()}, before everything owned earlier. */
    public <T extends AutoCloseable> T own(T part) {
        return started.own(part);
    }

    /** Starts the service with {@code settings}, then the browser with its profile under {@code temp}. */
    public PageSession start(Map<String, Object> settings, Path temp, Duration patience) {
        serve(settings);
        browse(temp, patience);
        return this;
    }

    /** Starts the service alone, for a test that needs it before its other parts (to issue tokens first). */
    public TokenServiceInstance serve(Map<String, Object> settings) {
        service = own(TokenServiceInstance.start(settings));
        return service;
    }

    /** Starts headless Chromium with its profile under {@code temp}; it waits up to {@code patience}. */
    public void browse(Path temp, Duration patience) {
        browser = Browser.start(temp.resolve("chromium-profile"));
        started.own(browser::quit);
        wait = new WebDriverWait(browser, patience);
    }

    public TokenServiceInstance service() {
        return service;
    }

    public ChromeDriver browser() {
        return browser;
    }

    public WebDriverWait await() {
        return wait;
    }

    /** A signed-out browser on the sign-in page at {@code width} x {@code height}: each test signs in itself. */
    public void signedOut(int width, int height) {
        Browser.resize(browser, width, height);
        browser.get(service.uri("/login").toString());
        browser.manage().deleteAllCookies();
    }

    /** Signs in as the local admin on {@code instance}'s form (this one's own service or another one). */
    public void signInAsAdmin(TokenServiceInstance instance) {
        Browser.signIn(browser, instance.uri("/login"), "admin", TokenServiceInstance.ADMIN_PASSWORD);
    }

    /** Stops every part that started, newest first. */
    @Override
    public void close() throws Exception {
        started.close();
    }
}
