package com.cloudquant.liberator.tokenservice.support;

import java.io.File;
import java.net.URI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Never Selenium Manager: this
 * machine has no network to download a browser or driver from.
 */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Fails (does not skip) when the packages are missing: the page is untested without them. */
    public static ChromeDriver start(Path profileDir) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the page's browser tests need Debian's chromium and chromedriver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,900", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        // as a user's click would: lets the page's Copy button use the async clipboard API
        driver.setPermission("clipboard-write", "granted");
        return driver;
    }

    public static void resize(ChromeDriver driver, int width, int height) {
        // the window size includes no chrome in headless mode, so this is the viewport
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Signs in through the page's form; waits until the page has wired its controls. */
    public static void signIn(ChromeDriver driver, URI login, String user, String password) {
        driver.get(login.toString());
        submitSignIn(driver, user, password);
        waitUntilReady(driver);
    }

    /** Fills and submits the sign-in form already on screen. */
    public static void submitSignIn(ChromeDriver driver, String user, String password) {
        WebElement name = driver.findElement(By.id("username"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
    }

    public static void waitUntilReady(ChromeDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready='true']")));
    }

    /** Writes a PNG only when -Dliberator.screenshots.dir is set (the committed docs/images). */
    public static void screenshot(ChromeDriver driver, String name) {
        String dir = System.getProperty("liberator.screenshots.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            File png = driver.getScreenshotAs(OutputType.FILE);
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
