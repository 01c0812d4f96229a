package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.HostPage;
import parley.testing.Scenario;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.WidgetPage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The widget on another company's page, in a real browser")
class WidgetInBrowserTest {

  private static HostPage host;
  private static TestProvider provider;
  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static String general;
  private static String dm;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    host = HostPage.start();
    provider = TestProvider.start(vertx);
    // Parley's own tokens and an identity provider's both: the widget passes on whichever the host gives. No clock
    // skew, so that a provider's token can expire within a test.
    server = TestServer.start(vertx, provider.settings("both").put("AUTH_CLOCK_SKEW_SECONDS", 0)
      .put("WIDGET_ALLOWED_ORIGINS", host.origin()));
    alice = server.register("alice", "Alice Widget");
    bob = server.register("bob", "Bob Fullapp");
    general = alice.generalRoomId();
    dm = bob.post("/api/dms", new JsonObject().put("userId", alice.id())).bodyAsJsonObject().getJsonObject("room").getString("id");
    givingParleyTokens();
  }

  /** The host's backend signs Alice in for each token it hands out, as a portal would with its own session. */
  private static void givingParleyTokens() {
    host.embed(server, () -> server.login(alice).token);
  }

  @AfterAll
  static void stop() {
    host.close();
    provider.close();
  }

  @Test
  @DisplayName("signs in with the host's token and chats live both ways with the web app, under a strict CSP and hostile CSS that do not reach inside")
  void chatsWithTheWebApp() {
    try (Browser portal = Browser.open(); Browser app = Browser.open()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      ChatPage bobsApp = new ChatPage(app, server).open(bob, dm);

      assertEquals(List.of(), portal.script("return window.violations"), "the host page's policy was never broken");
      assertEquals(alice.id(), widget.script("return widget.store.me.id"));
      assertEquals(Boolean.TRUE, portal.script("return window.EventBus === undefined && window.SockJS === undefined"),
        "the widget defines no globals on the host page");
      assertIsolated(widget);

      bobsApp.say("Hello Alice, from the web app");
      portal.until("the unread count on the launcher", driver -> widget.launcherBadge().equals("1"));
      assertEquals("Chat, 1 unread", widget.find(".launcher").getDomAttribute("aria-label"));
      widget.openPanel();
      assertEquals("button.room has-unread", widget.focused(), "opening the panel focuses the first conversation");
      WebElement dmEntry = widget.find("[data-room-id=\"" + dm + "\"]");
      assertTrue(dmEntry.getText().contains("Bob Fullapp"), dmEntry.getText());
      assertEquals("1 unread", dmEntry.findElement(By.cssSelector(".unread-badge")).getDomAttribute("aria-label"));
      portal.screenshot("widget-rooms");

      dmEntry.sendKeys(Keys.ENTER);
      widget.waitForMessage("Hello Alice, from the web app");
      assertEquals("textarea.composer-input", widget.focused(), "opening a conversation focuses the composer");
      portal.until("the badge cleared", driver -> widget.launcherBadge().isEmpty());
      widget.say("Hi Bob, from the widget on Acme's portal");
      bobsApp.waitForMessage("Hi Bob, from the widget on Acme's portal");
      bobsApp.say("Got it, live");
      widget.waitForMessage("Got it, live");
      assertEquals("Bob Fullapp: Got it, live", widget.find(".announcer").getDomProperty("textContent"),
        "a screen reader hears the new message");
      assertEquals(1, widget.messagesWithText("Hi Bob, from the widget on Acme's portal"));
      portal.screenshot("widget-conversation");

      widget.find(".composer-input").sendKeys(Keys.ESCAPE);
      portal.until("back to the list", driver -> widget.find(".rooms").isDisplayed());
      assertEquals("button.room", widget.focused(), "Back returns to the conversation's entry");
      widget.find("[data-room-id=\"" + dm + "\"]").sendKeys(Keys.ESCAPE);
      portal.until("the panel closed", driver -> !widget.find(".panel").isDisplayed());
      assertEquals("button.launcher", widget.focused(), "closing returns the focus to the launcher");
      assertEquals("false", widget.find(".launcher").getDomAttribute("aria-expanded"));
      widget.find(".launcher").sendKeys(Keys.ENTER);
      portal.until("the list again", driver -> widget.find(".rooms").isDisplayed());
      widget.find("[data-room-id=\"" + dm + "\"]").sendKeys(Keys.ENTER);
      widget.find(".close").click();
      portal.until("the panel closed", driver -> !widget.find(".panel").isDisplayed());
      widget.find(".launcher").sendKeys(Keys.ENTER);
      portal.until("the conversation again", driver -> widget.find(".composer-input").isDisplayed());
      assertEquals("textarea.composer-input", widget.focused(), "closed in a conversation, the panel opens again in it");
      assertEquals(List.of(), portal.script("return window.violations"));
    }
  }

  @Test
  @DisplayName("survives a dropped connection: what is sent meanwhile arrives once after it reconnects, and its own unsent message is retried once")
  void survivesADrop() {
    try (Browser portal = Browser.open(); BridgeClient bobsBot = bob.connect()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      widget.openRoom(general);
      widget.dropConnection();

      for (int i = 1; i <= 3; i++) {
        send(bobsBot, general, "while the widget was away " + i);
      }
      widget.say("typed while offline");
      WebElement failed = portal.until("the failed message", driver ->
        widget.findAll(".message.is-failed").stream().findFirst().orElse(null));
      assertTrue(failed.getText().contains("offline"), failed.getText());

      portal.offline(false);
      portal.until("the widget back online", driver -> !widget.find(".connection-status").isDisplayed());
      for (int i = 1; i <= 3; i++) {
        widget.waitForMessage("while the widget was away " + i);
      }
      failed.findElement(By.cssSelector("button")).click();
      widget.waitForMessage("typed while offline");
      for (int i = 1; i <= 3; i++) {
        assertEquals(1, widget.messagesWithText("while the widget was away " + i));
      }
      assertEquals(1, widget.messagesWithText("typed while offline"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = 'typed while offline'"));
      assertEquals(Boolean.TRUE, widget.script("return widget.chat.historySync.requests > 1"), "the reconnect caught up with chat.sync");
    }
  }

  @Test
  @DisplayName("asks getToken again when its token stops working, and carries on where it was with nothing lost")
  void renewsItsToken() {
    try (Browser portal = Browser.open(); BridgeClient bobsBot = bob.connect()) {
      bobsBot.register("room." + dm);
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      widget.openRoom(dm);
      assertEquals(1L, (Long) portal.script("return window.tokensGiven"));
      String first = widget.script("return widget.token.value");

      // The session behind the token ends (as an expiry or a sign-out elsewhere would): REST says 401 from now on, and
      // the bridge closes the widget's connection at once.
      assertEquals(200, server.http.post("/api/auth/logout").bearerTokenAuthentication(first).send().await().statusCode());
      send(bobsBot, dm, "sent as the token died");
      portal.until("a second token", driver -> (Long) portal.script("return window.tokensGiven") >= 2);
      widget.waitConnected();
      assertNotEquals(first, widget.script("return widget.token.value"));
      widget.waitForMessage("sent as the token died");
      widget.say("still here with a new token");
      JsonObject heard = bobsBot.next("room." + dm, "message.new");
      while (!heard.getJsonObject("message").getString("content").equals("still here with a new token")) {
        heard = bobsBot.next("room." + dm, "message.new");
      }
      assertEquals(alice.id(), heard.getJsonObject("message").getJsonObject("author").getString("id"));
      assertEquals(1, widget.messagesWithText("sent as the token died"));
      assertTrue(widget.find(".composer-input").isDisplayed(), "the open conversation stayed open");
    }
  }

  @Test
  @DisplayName("hands a new token to its open connection (auth.token): the connection follows the new token's session without reconnecting")
  void handsTheNewTokenToItsConnection() {
    try (Browser portal = Browser.open(); BridgeClient bobsBot = bob.connect()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      widget.openRoom(general);
      widget.waitConnected();
      String first = widget.script("return widget.token.value");
      widget.script("widget.token.renew(widget.token.value)");
      portal.until("a second token", driver -> (Long) portal.script("return window.tokensGiven") >= 2);
      String second = widget.script("return widget.token.value");
      assertNotEquals(first, second);
      // Sent after the handover, so carried out after it.
      widget.say("said after the handover");
      widget.waitForMessage("said after the handover");

      // The first token's session ends: the connection is in the second's now, so it stays open.
      Object opens = widget.script("return widget.connection.opens");
      assertEquals(200, server.http.post("/api/auth/logout").bearerTokenAuthentication(first).send().await().statusCode());
      send(bobsBot, general, "after the first session ended");
      widget.waitForMessage("after the first session ended");
      assertEquals(opens, widget.script("return widget.connection.opens"), "the connection was not closed and opened again");
      assertEquals(2L, (Long) portal.script("return window.tokensGiven"));

      // The second's ends: that closes it, and the widget carries on with a third.
      assertEquals(200, server.http.post("/api/auth/logout").bearerTokenAuthentication(second).send().await().statusCode());
      portal.until("a third token", driver -> (Long) portal.script("return window.tokensGiven") >= 3);
      widget.waitConnected();
    }
  }

  @Test
  @DisplayName("a token that died while the widget was offline is refused at the reconnect, and getToken gives the next one")
  void renewsAtTheReconnect() {
    try (Browser portal = Browser.open(); BridgeClient bobsBot = bob.connect()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      widget.openRoom(general);
      widget.dropConnection();
      String first = widget.script("return widget.token.value");
      assertEquals(200, server.http.post("/api/auth/logout").bearerTokenAuthentication(first).send().await().statusCode());
      send(bobsBot, general, "sent while the widget's token died");

      portal.offline(false);
      widget.waitForMessage("sent while the widget's token died");
      assertEquals(2L, (Long) portal.script("return window.tokensGiven"));
      widget.waitConnected();
      assertEquals(1, widget.messagesWithText("sent while the widget's token died"));
    }
  }

  @Test
  @DisplayName("opens a room at its newest page and loads the older ones as the reader scrolls up, down to the beginning")
  void scrollsBackThroughHistory() {
    String room = alice.createRoom("widget-history", bob);
    try (BridgeClient bobsBot = bob.connect()) {
      for (int i = 1; i <= 70; i++) {
        send(bobsBot, room, "history " + i);
      }
    }
    try (Browser portal = Browser.open()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      widget.openRoom(room);
      widget.waitForMessage("history 70");
      assertEquals(50, widget.findAll(".message[data-seq]").size(), "the newest page first");
      widget.script("document.querySelector('parley-widget').shadowRoot.querySelector('.message-scroller').scrollTop = 0");
      widget.waitForMessage("history 1");
      assertEquals(70, widget.findAll(".message[data-seq]").size());
      portal.until("the beginning said", driver -> widget.find(".history-status").getText().contains("beginning"));
    }
  }

  @Test
  @DisplayName("signs in with the identity provider's token (a new person, provisioned), and when that token expires gets the next from getToken")
  void withTheProvidersTokens() throws InterruptedException {
    AtomicInteger minted = new AtomicInteger();
    // The first token lives 3 seconds, the next ones an hour.
    host.embed(server, () -> provider.token(TestProvider.ISSUER_ID, "acme-carol", TestProvider.AUDIENCE,
      Map.of("preferred_username", "carol", "name", "Carol Portal"), minted.incrementAndGet() == 1 ? 3 : 3600));
    try (Browser portal = Browser.open(); BridgeClient bobsBot = bob.connect()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "");
      assertEquals("Carol Portal", widget.script("return widget.store.me.displayName"));
      widget.openRoom(general);
      send(bobsBot, general, "welcome, Carol");
      widget.waitForMessage("welcome, Carol");

      // An open WebSocket is not checked again; the next connection, after the token's expiry, is refused.
      Thread.sleep(3500);
      widget.dropConnection();
      send(bobsBot, general, "while Carol's token expired");
      portal.offline(false);
      widget.waitForMessage("while Carol's token expired");
      assertEquals(2L, (Long) portal.script("return window.tokensGiven"));
      widget.waitConnected();
      widget.say("Carol here, on a fresh token");
      widget.waitForMessage("Carol here, on a fresh token");
      assertEquals("Carol Portal", server.queryOne("SELECT u.display_name FROM messages m JOIN users u ON u.id = m.author_id"
        + " WHERE m.content = 'Carol here, on a fresh token'"));
    } finally {
      givingParleyTokens();
    }
  }

  @Test
  @DisplayName("waits for window.ParleyWidget when the host page sets it after widget.js has run")
  void configuredLate() {
    try (Browser portal = Browser.open()) {
      WidgetPage widget = new WidgetPage(portal).open(host, "?late");
      assertEquals(alice.id(), widget.script("return widget.store.me.id"));
      assertEquals(Boolean.TRUE, portal.script("return typeof window.ParleyWidget.getToken === 'function'"),
        "the page's own object is where it put it");
      portal.viewport(390, 740);
      portal.colorScheme("dark");
      widget.openRoom(dm);
      portal.screenshot("widget-phone-dark");
    }
  }

  @Test
  @DisplayName("stays hidden on a page whose style-src does not name Parley, and the browser reports the blocked stylesheet")
  void staysHiddenWithoutItsStyles() {
    try (Browser portal = Browser.open()) {
      portal.get(host.url("/?no-parley-styles"));
      portal.until("the blocked stylesheet reported", driver -> (Boolean) portal.script(
        "return window.violations.some(violation => violation.startsWith('style-src') && violation.includes('/widget/widget.css'))"));
      WidgetPage widget = new WidgetPage(portal);
      portal.until("the widget signed in", driver -> (Boolean) portal.script(
        "const w = document.querySelector('parley-widget'); return !!w && !!w.parley"));
      assertEquals(Boolean.FALSE, widget.find(".launcher").isDisplayed());
    }
  }

  /** The host page's `*` rules, even !important, change nothing inside, and cannot hide or move the widget. */
  private static void assertIsolated(WidgetPage widget) {
    Browser portal = widget.browser;
    assertEquals("rgb(255, 0, 0)", portal.script("return getComputedStyle(document.querySelector('h1')).color"),
      "the host page's own elements do get the hostile CSS");
    WebElement launcher = widget.find(".launcher");
    assertTrue(launcher.isDisplayed());
    assertEquals("flex", launcher.getCssValue("display"), "its own inline-flex, as an item of the widget's flex box");
    assertEquals("visible", launcher.getCssValue("visibility"));
    assertNotEquals("rgba(255, 0, 0, 1)", launcher.getCssValue("color"));
    assertTrue(!launcher.getCssValue("font-family").contains("Courier"), launcher.getCssValue("font-family"));
    assertEquals("fixed", portal.script("return getComputedStyle(document.querySelector('parley-widget')).position"));
    assertEquals("block", portal.script("return getComputedStyle(document.querySelector('parley-widget')).display"));
    assertEquals("none", widget.find(".panel").getCssValue("display"), "the closed panel stays closed");
  }
}
