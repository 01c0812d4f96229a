package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.Browser;
import parley.testing.Scenario;
import parley.testing.TestServer;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Installing the app: Chromium's own verdict, through DevTools, on whether the page can be installed (iOS delivers
 * Web Push only to an installed web app, so this is what makes push reach an iPhone).
 */
@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Installing the web app")
class InstallInBrowserTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
  }

  @Test
  @DisplayName("Chromium reads the manifest without errors and finds nothing that keeps the app from being installed")
  void installable() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/"));
      browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());

      JsonObject manifest = cdp(browser, "Page.getAppManifest");
      assertEquals(server.url("/manifest.webmanifest"), manifest.getString("url"), manifest.encode());
      assertEquals(new JsonArray(), manifest.getJsonArray("errors"), manifest.encode());
      assertEquals("Parley", new JsonObject(manifest.getString("data")).getString("name"));

      // Chromium fetches the icons to check them: until it has, its answer may still list an error.
      long deadline = System.nanoTime() + Browser.WAIT.toNanos();
      JsonArray errors = installabilityErrors(browser);
      while (!errors.isEmpty() && System.nanoTime() < deadline) {
        sleep(200);
        errors = installabilityErrors(browser);
      }
      assertEquals(new JsonArray(), errors);
    }
  }

  private static JsonArray installabilityErrors(Browser browser) {
    return cdp(browser, "Page.getInstallabilityErrors").getJsonArray("installabilityErrors");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject cdp(Browser browser, String method) {
    return new JsonObject(browser.driver.executeCdpCommand(method, Map.of()));
  }
}
