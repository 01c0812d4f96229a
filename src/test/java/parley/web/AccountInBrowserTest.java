package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("One's account, and the admin's actions on people's accounts, in a real browser")
class AccountInBrowserTest {

  /** Bridge connections per person: small, so that a test can fill it with two of its own. */
  private static final int CAP = 2;

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx, new JsonObject().put("MAX_CONNECTIONS_PER_USER", CAP));
    root = server.register("root");
    general = root.generalRoomId();
  }

  @Test
  @DisplayName("a page whose session is ended from another device lands on the sign-in screen saying so, without trying to reconnect")
  void endedElsewhere() {
    TestUser hank = server.register("hank");
    TestUser here = server.login(hank);
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(here, general);
      logConnectionStates(browser);
      assertEquals(200, hank.delete("/api/auth/sessions/" + sessionIdOf(here)).statusCode());
      waitSignInScreen(browser, "You were signed out.");
      assertStoppedAtOnce(browser);
      assertEquals(200, hank.get("/api/auth/me").statusCode(), "the other device goes on");
    }
  }

  @Test
  @DisplayName("a page past the person's cap of connections says so and retries only with backoff, and connects once another connection closes")
  void tooManyConnections() {
    TestUser gina = server.register("gina");
    try (BridgeClient first = gina.connect(); BridgeClient second = gina.connect(); Browser browser = Browser.open()) {
      browser.signedIn(server, gina, "/#/room/" + general);
      browser.until("the crowded notice", driver -> browser.find("#connection-banner").isDisplayed()
        && browser.find("#connection-text").getText()
          .startsWith("Too many Parley tabs or devices are connected; close one. Trying again in "));
      browser.screenshot("account-too-many-connections");
      browser.script("window.attempts = 0; window.parley.connection.addEventListener('state', "
        + "event => { if (event.detail.state === 'connecting') window.attempts++; })");
      sleep(5_000);
      long attempts = browser.script("return window.attempts");
      assertTrue(attempts <= 3, attempts + " attempts in 5 s");
      assertNotEquals("open", browser.script("return window.parley.connection.state"));

      second.close();
      browser.until("connected once a connection closed", driver -> {
        if (browser.find("#connection-retry").isDisplayed()) {
          browser.find("#connection-retry").click();
        }
        return "open".equals(browser.script("return window.parley.connection.state"))
          && !browser.find("#connection-banner").isDisplayed();
      });
      assertFalse(first.closing(), "the connections there were stay");
    }
  }


  /** The id of the session a token belongs to, as the sessions list names it. */
  private static String sessionIdOf(TestUser session) {
    JsonArray sessions = session.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions");
    return sessions.stream().map(JsonObject.class::cast).filter(one -> one.getBoolean("current"))
      .findFirst().orElseThrow().getString("id");
  }











  private static void waitSignInScreen(Browser browser, String notice) {
    browser.until("the sign-in screen saying '" + notice + "'", driver -> browser.find("#auth-form").isDisplayed()
      && browser.find("#auth-notice").getText().equals(notice));
    assertFalse(browser.find("#chat").isDisplayed());
  }

  /** Kept across the reload onto the sign-in screen: what the connection does from now on. */
  private static void logConnectionStates(Browser browser) {
    browser.script("sessionStorage.states = ''; window.parley.connection.addEventListener('state', "
      + "event => { sessionStorage.states += event.detail.state + ' '; })");
  }

  private static void assertStoppedAtOnce(Browser browser) {
    String states = browser.script("return sessionStorage.states");
    assertTrue(states.matches("(idle )+"), "it stopped instead of trying to reconnect: " + states);
  }


  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
