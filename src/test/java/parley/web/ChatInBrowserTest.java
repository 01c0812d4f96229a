package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The web app in a real browser")
class ChatInBrowserTest {

  private static TestServer server;
  private static TestUser admin;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    admin = server.register("admin");
    general = admin.generalRoomId();
  }

  @Test
  @DisplayName("two people register in the app, land in #general, and see each other's messages live")
  void twoBrowsersChat() {
    try (Browser alice = Browser.open(); Browser bob = Browser.open()) {
      registerInApp(alice, "alice", "Alice Liddell");
      registerInApp(bob, "bob", "Bob Builder");
      assertEquals("Alice Liddell", alice.find("#me-name").getText());
      bob.script("window.sameDocument = true");

      page(alice).say("Hello from Alice");
      WebElement received = page(bob).waitForMessage("Hello from Alice");
      assertTrue(received.getText().contains("Alice Liddell"), received.getText());
      page(bob).say("Hi Alice, Bob here");
      page(alice).waitForMessage("Hi Alice, Bob here");

      assertEquals(Boolean.TRUE, bob.script("return window.sameDocument === true"), "Bob's page reloaded");
    }
  }

  @Test
  @DisplayName("a send answered 'unavailable' (a node that just died) is sent again by itself and stored once")
  void unavailableIsRetried() {
    TestUser sender = server.register("persistent");
    // A second chat.send service that is never able to answer: the event bus sends every other request to it,
    // as a cluster does to a node whose process just died.
    var deadNode = server.vertx.eventBus().consumer("chat.send", message -> message.fail(503, "unavailable"));
    deadNode.completion().await();
    try (Browser browser = Browser.open()) {
      page(browser).open(sender, general);
      for (int i = 0; i < 4; i++) {
        page(browser).say("through the outage " + i);
      }
      for (int i = 0; i < 4; i++) {
        page(browser).waitForMessage("through the outage " + i);
      }
      browser.until("every message stored", driver -> browser.findAll("#message-list .message.is-pending, #message-list .message.is-failed").isEmpty());
      for (int i = 0; i < 4; i++) {
        assertEquals(1, page(browser).messagesWithText("through the outage " + i));
        assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = ?", "through the outage " + i));
      }
    } finally {
      deadNode.unregister().await();
    }
  }

  @Test
  @DisplayName("shows markup in a message as text, and renders bold, code and safe links")
  void formatsWithoutInjecting() {
    TestUser viewer = server.register("viewer");
    try (Browser browser = Browser.open(); BridgeClient attacker = server.register("mallory").connect()) {
      page(browser).open(viewer, general);
      String hostile = "<img src=x onerror=\"window.pwned=1\"><b>hi</b>";
      send(attacker, general, hostile);
      send(attacker, general, "**bold** and *soft* and `x < y` see https://example.com/a?b=1. not javascript:alert(1)");

      WebElement hostileBody = page(browser).waitForMessage(hostile).findElement(By.cssSelector(".message-body"));
      assertEquals(hostile, hostileBody.getText());
      assertEquals(0L, (Long) browser.script("return document.querySelectorAll('#message-list img, #message-list b').length"));
      WebElement formatted = page(browser).waitForMessage("bold and soft and x < y see https://example.com/a?b=1. not javascript:alert(1)");
      assertEquals("bold", formatted.findElement(By.cssSelector("strong")).getText());
      assertEquals("soft", formatted.findElement(By.cssSelector("em")).getText());
      assertEquals("x < y", formatted.findElement(By.cssSelector("code")).getText());
      List<WebElement> links = formatted.findElements(By.cssSelector("a"));
      assertEquals(1, links.size(), "only the https URL becomes a link");
      assertEquals("https://example.com/a?b=1", links.get(0).getDomAttribute("href"));
      assertEquals("noopener noreferrer", links.get(0).getDomAttribute("rel"));
      assertEquals("_blank", links.get(0).getDomAttribute("target"));
      assertEquals(Boolean.TRUE, browser.script("return window.pwned === undefined"));
    }
  }

  @Test
  @DisplayName("a message with an img onerror and a javascript: Markdown link shows as plain text: no dialog, no javascript: link")
  void hostileMessagesStayInert() {
    TestUser viewer = server.register("inert");
    String imgTag = "<img src=x onerror=alert(1)>";
    String markdownLink = "[x](javascript:alert(1)) and [y](JavaScript:alert(2)) and [z](https://example.com/ok)";
    try (Browser browser = Browser.open(); BridgeClient attacker = server.register("attacker").connect()) {
      page(browser).open(viewer, general);
      send(attacker, general, imgTag);
      send(attacker, general, markdownLink);

      assertEquals(imgTag, page(browser).waitForMessage(imgTag).findElement(By.cssSelector(".message-body")).getText());
      WebElement links = page(browser).waitForMessage(markdownLink).findElement(By.cssSelector(".message-body"));
      assertEquals(markdownLink, links.getText());
      assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "no dialog opened");
      assertEquals(0L, (Long) browser.script("return document.querySelectorAll('#message-list img').length"));
      assertEquals(0L, (Long) browser.script("return [...document.querySelectorAll('a, [href]')]"
        + ".filter(node => /^\\s*javascript:/i.test(node.getAttribute('href') || '') || node.protocol === 'javascript:').length"));
      assertEquals(List.of("https://example.com/ok"),
        links.findElements(By.cssSelector("a")).stream().map(link -> link.getDomAttribute("href")).toList());
      browser.screenshot("inert");
    }
  }

  @Test
  @DisplayName("an invite link opens the registration form with the code filled in, and registering sends it")
  void inviteLinkPrefillsTheCode() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/?invite=team-2026"));
      browser.until("the registration form", driver -> browser.find("#auth-invite").isDisplayed());
      assertEquals("team-2026", browser.find("#auth-invite").getDomProperty("value"));
      assertEquals("Create account", browser.find("#auth-submit").getText());
      browser.script("window.sentBodies = []; const original = window.fetch;"
        + "window.fetch = (url, options) => { window.sentBodies.push(options && options.body); return original(url, options); };");

      browser.find("#auth-username").sendKeys("invited");
      browser.find("#auth-password").sendKeys(ChatPage.PASSWORD);
      browser.screenshot("register-with-invite");
      browser.find("#auth-submit").click();
      browser.until("#general to open", driver -> browser.find("#room-name").getText().contains("general"));
      List<String> bodies = browser.script("return window.sentBodies.filter(Boolean)");
      JsonObject registration = new JsonObject(bodies.get(0));
      assertEquals("team-2026", registration.getString("inviteCode"));
      assertEquals("", browser.script("return location.search"), "the code leaves the address once used");

      browser.find("#logout").click();
      browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
      browser.find("#auth-switch").click();
      assertEquals("", browser.find("#auth-invite").getDomProperty("value"), "no code without a link");
    }
  }

  @Test
  @DisplayName("shows a sent message at once as pending, then as exactly one stored message")
  void pendingBecomesOneMessage() {
    TestUser sender = server.register("sender");
    try (Browser browser = Browser.open(); BridgeClient other = server.register("other").connect()) {
      page(browser).open(sender, general);
      browser.script("window.pendingSeen = [];"
        + "new MutationObserver(records => records.forEach(record => record.addedNodes.forEach(node => {"
        + "  if (node.classList && node.classList.contains('is-pending')) window.pendingSeen.push(node.dataset.clientMsgId);"
        + "}))).observe(document.getElementById('message-list'), {childList: true});");

      page(browser).say("Exactly once, please");
      WebElement stored = page(browser).waitForMessage("Exactly once, please");
      String clientMsgId = stored.getDomAttribute("data-client-msg-id");
      assertEquals(List.of(clientMsgId), browser.script("return window.pendingSeen"));

      send(other, general, "a later message");
      page(browser).waitForMessage("a later message");
      assertEquals(1L, (Long) browser.script(
        "return document.querySelectorAll(`#message-list [data-client-msg-id=\"${arguments[0]}\"]`).length", clientMsgId));
      assertEquals(1, page(browser).messagesWithText("Exactly once, please"));
      assertTrue(browser.findAll("#message-list .is-pending").isEmpty());
    }
  }

  @Test
  @DisplayName("a message written while offline waits as pending, not failed, and is sent once by itself after the reconnect")
  void offlineSendWaits() {
    TestUser sender = server.register("offline");
    try (Browser browser = Browser.open()) {
      page(browser).open(sender, general);
      browser.offline(true);
      browser.script("window.parley.connection.simulateDrop()");
      browser.until("the disconnected banner", driver -> browser.find("#connection-banner").isDisplayed());

      page(browser).say("Typed while offline");
      WebElement waiting = browser.until("the waiting message", driver ->
        browser.findAll("#message-list .message.is-pending.is-queued").stream().findFirst().orElse(null));
      assertTrue(waiting.getText().contains("Waiting for the connection"), waiting.getText());
      assertTrue(browser.findAll("#message-list .is-failed").isEmpty());

      browser.offline(false);
      browser.until("the reconnect", driver -> !browser.find("#connection-banner").isDisplayed());
      page(browser).waitForMessage("Typed while offline");
      browser.until("nothing pending", driver -> browser.findAll("#message-list .is-pending").isEmpty());
      assertEquals(1, page(browser).messagesWithText("Typed while offline"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = 'Typed while offline'"));
      assertTrue(browser.findAll("#message-list .is-failed").isEmpty());
    }
  }

  @Test
  @DisplayName("scrolling to the top loads older pages, keeping the view steady, down to the first message")
  void scrollingLoadsHistory() {
    TestUser reader = server.register("reader");
    String room = admin.createRoom("history");
    reader.join(room);
    try (BridgeClient writer = admin.connect()) {
      for (int i = 1; i <= 120; i++) {
        send(writer, room, "history message " + i);
      }
    }
    try (BridgeClient readerBus = reader.connect()) {
      // Read elsewhere already, so the page opens at the newest message rather than at the first unread.
      readerBus.request("chat.read", new JsonObject().put("roomId", room).put("seq", 120));
    }
    try (Browser browser = Browser.open()) {
      page(browser).open(reader, room);
      browser.until("the newest page", driver -> page(browser).seqs().contains(120L));
      assertEquals(71L, page(browser).seqs().get(0), "the first page holds the newest 50");

      long firstShown = 71;
      for (int page = 0; page < 5 && firstShown > 1; page++) {
        String anchor = "#message-list [data-seq=\"" + firstShown + "\"]";
        // Measured in the same script: the page cannot load anything between the scroll and the measurement.
        long offsetBefore = offsetInView(browser, anchor, "document.getElementById('message-scroller').scrollTop = 0;");
        long before = firstShown;
        browser.until("an older page", driver -> page(browser).seqs().get(0) < before);
        firstShown = page(browser).seqs().get(0);
        long offsetAfter = offsetInView(browser, anchor, "");
        assertTrue(Math.abs(offsetAfter - offsetBefore) < 40, "the view jumped from " + offsetBefore + " to " + offsetAfter);
      }
      assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), page(browser).seqs());
      browser.until("the beginning is marked", driver -> browser.find("#history-status").getText().contains("beginning"));
    }
  }

  @Test
  @DisplayName("after the connection drops and comes back, every message missed meanwhile shows exactly once")
  void reconnectCatchesUp() {
    TestUser reader = server.register("reconnecting");
    TestUser writer = server.register("writer");
    String side = admin.createRoom("side");
    reader.join(side);
    writer.join(side);
    try (Browser browser = Browser.open(); BridgeClient writerBus = writer.connect()) {
      page(browser).open(reader, general);
      long opens = browser.script("return window.parley.connection.opens");

      browser.offline(true);
      browser.script("window.parley.connection.simulateDrop()");
      browser.until("the disconnected banner", driver -> browser.find("#connection-banner").isDisplayed());
      List<String> missed = List.of("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
      missed.forEach(text -> send(writerBus, general, text));
      for (int i = 1; i <= 3; i++) {
        send(writerBus, side, "elsewhere " + i);
      }
      assertNotEquals("open", browser.script("return window.parley.connection.state"), "the page was not offline");

      browser.offline(false);
      missed.forEach(text -> page(browser).waitForMessage(text));
      send(writerBus, general, "live again");
      page(browser).waitForMessage("live again");

      for (String text : missed) {
        assertEquals(1, page(browser).messagesWithText(text), text);
      }
      List<Long> seqs = page(browser).seqs();
      assertEquals(seqs.stream().distinct().sorted().toList(), seqs, "seqs in order, none twice");
      assertFalse(browser.find("#connection-banner").isDisplayed());
      assertEquals(opens + 1, (Long) browser.script("return window.parley.connection.opens"));
      browser.until("the unread count of #side in the title", driver -> "(3) Parley".equals(driver.getTitle()));
    }
  }

  private static void registerInApp(Browser browser, String username, String displayName) {
    browser.get(server.url("/"));
    browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
    browser.find("#auth-switch").click();
    browser.find("#auth-username").sendKeys(username);
    browser.find("#auth-display-name").sendKeys(displayName);
    browser.find("#auth-password").sendKeys(ChatPage.PASSWORD);
    browser.find("#auth-submit").click();
    browser.until("#general to open", driver -> browser.find("#room-name").getText().contains("general"));
    browser.until("#general marked current", driver ->
      browser.find("#room-list .is-current").getText().contains("general"));
    page(browser).waitConnected();
  }

  private static ChatPage page(Browser browser) {
    return new ChatPage(browser, server);
  }

  /** Where an element is, measured from the top of the message pane, after running {@code first}. */
  private static long offsetInView(Browser browser, String css, String first) {
    return ((Number) browser.script(first + "const node = document.querySelector(arguments[0]);"
      + "return node.getBoundingClientRect().top - document.getElementById('message-scroller').getBoundingClientRect().top;",
      css)).longValue();
  }
}
