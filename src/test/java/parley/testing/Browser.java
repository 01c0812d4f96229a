package parley.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A headless Chromium for browser tests, driven through the system's chromedriver: Selenium Manager never runs, so
 * nothing is downloaded. Each browser has a fresh profile, so no cookies or storage leak between tests.
 * {@code PARLEY_CHROMIUM} and {@code PARLEY_CHROMEDRIVER} point elsewhere when the binaries live elsewhere.
 */
public final class Browser implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(15);
  private static final String CHROMIUM = setting("PARLEY_CHROMIUM", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = setting("PARLEY_CHROMEDRIVER", "/usr/bin/chromedriver");

  // Selenium looks for a CDP binding matching the browser on every start and warns when there is none; the tests
  // send raw CDP commands, which need no binding. Held here so the settings are not garbage-collected.
  private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")
    .map(Logger::getLogger).peek(logger -> logger.setLevel(Level.SEVERE)).toList();

  public final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Skips the calling test class when Chromium or chromedriver is missing on a developer's machine; in CI
   * ({@code CI=true}) a missing browser fails instead, so browser tests never silently stop running there.
   */
  public static void requireInstalled() {
    List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(Path.of(path))).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message = "Browser tests need Chromium and chromedriver; missing: " + String.join(", ", missing)
      + ". Run scripts/install-test-deps (or set PARLEY_CHROMIUM / PARLEY_CHROMEDRIVER).";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message);
    }
    // Surefire does not print why a whole class was skipped, so say it here.
    System.err.println("SKIPPED browser tests: " + message);
    Assumptions.abort(message);
  }

  public static Browser open() {
    requireInstalled();
    // Read by Selenium's driver lookup: with it set, Selenium Manager is not consulted.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    Path profile;
    try {
      profile = Files.createTempDirectory("parley-browser");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(new File(CHROMEDRIVER))
      .usingAnyFreePort()
      .withSilent(true)
      .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--disable-extensions", "--window-size=1280,800", "--user-data-dir=" + profile,
      // Tenants' hosts (TENANT_BASE_DOMAIN=localtest) on this machine.
      "--host-resolver-rules=MAP *.localtest 127.0.0.1");
    try {
      return new Browser(service, new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw e;
    }
  }

  public void get(String url) {
    driver.get(url);
  }

  /** Opens a page of the server already signed in, by giving the browser the session cookie. */
  public void signedIn(TestServer server, TestUser user, String path) {
    // A cookie can only be set for the site the browser is on.
    driver.get(server.url("/css/theme.css"));
    driver.manage().addCookie(new Cookie("parley_token", user.token, "/"));
    driver.get(server.url(path));
  }

  /** Waits up to {@link #WAIT} for the condition to answer something other than null or false; re-renders are tolerated. */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what)
      .ignoring(StaleElementReferenceException.class)
      .until(condition);
  }

  /** Clicks what {@code css} finds, finding it again when a re-render replaced it between the finding and the click. */
  public void click(String css) {
    until("clicking " + css, driver -> {
      find(css).click();
      return true;
    });
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  @SuppressWarnings("unchecked")
  public <T> T script(String javaScript, Object... args) {
    return (T) ((JavascriptExecutor) driver).executeScript(javaScript, args);
  }

  /** Cuts the page off the network (requests fail at once), or restores it. */
  public void offline(boolean offline) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
      "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /**
   * Holds every request whose URL matches (CDP wildcards: {@code *} and {@code ?}) before it is sent, so that it stays
   * in flight until the page gives up on it or {@link #releaseRequests()} lets it go.
   */
  public void holdRequests(String urlPattern) {
    driver.executeCdpCommand("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", urlPattern, "requestStage", "Request"))));
  }

  public void releaseRequests() {
    driver.executeCdpCommand("Fetch.disable", Map.of());
  }

  /** Sizes the page in CSS pixels; below 720 px wide as a phone's screen would (touch, twice the pixels). */
  public void viewport(int width, int height) {
    boolean phone = width < 720;
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
      "width", width, "height", height, "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
  }

  /** Emulates the system's colour-scheme preference: "light" or "dark". */
  public void colorScheme(String scheme) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
      "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** Writes a PNG of the window under target/screenshots, for looking at what a test saw. */
  public Path screenshot(String name) {
    try {
      Path directory = Files.createDirectories(Path.of("target", "screenshots"));
      Path file = directory.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves what the page showed last, named after the scenario (see {@link Scenario}), then quits. */
  @Override
  public void close() {
    try {
      String scenario = Scenario.current();
      if (scenario != null) {
        screenshot(scenario + "-" + Scenario.nextBrowserNumber() + "-last");
      }
    } catch (RuntimeException e) {
      // A page that cannot be captured any more is no reason to fail the test or leak the browser.
    }
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
