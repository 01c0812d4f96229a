package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Replies, reactions, edits and deletions in the browser")
class MessageActionsInBrowserTest {

  private static final String THUMBS_UP = "👍";

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
  @DisplayName("Alice replies to Bob, Bob reacts and takes it back, Alice edits and deletes: each seen live on the other page, quotes included")
  void replyReactEditDeleteLive() {
    TestUser alice = server.register("alice", "Alice");
    TestUser bob = server.register("bob", "Bob");
    try (Browser alices = Browser.open(); Browser bobs = Browser.open()) {
      ChatPage alicePage = new ChatPage(alices, server).open(alice, general);
      ChatPage bobPage = new ChatPage(bobs, server).open(bob, general);
      bobPage.say("Lunch at noon?");

      act(alices, alicePage.waitForMessage("Lunch at noon?"), "reply");
      alices.until("the reply bar", driver -> alices.find("#reply-bar").isDisplayed());
      assertEquals("Replying to Bob — Lunch at noon?", alices.find("#reply-bar-text").getText());
      alicePage.say("Yes, count me in");
      assertFalse(alices.find("#reply-bar").isDisplayed(), "the reply bar goes once sent");
      WebElement reply = bobPage.waitForMessage("Yes, count me in");
      assertEquals("Replying to Bob Lunch at noon?", reply.findElement(By.cssSelector(".message-quote")).getText()
        .replace('\n', ' '));

      // Bob answers Alice's reply, so that her edit and deletion must show in his quote of it.
      act(bobs, reply, "reply");
      bobPage.say("Great");
      bobPage.waitForMessage("Great");

      act(bobs, bobPage.waitForMessage("Yes, count me in"), "react");
      bobs.until("the emoji picker", driver -> !bobs.findAll(".emoji-picker").isEmpty());
      bobs.find(".emoji-picker button[aria-label=\"thumbs up\"]").click();
      WebElement chip = alices.until("Bob's reaction on Alice's page", driver -> chip(alicePage, "Yes, count me in"));
      assertEquals(THUMBS_UP + "\n1", chip.getText().replace(" ", "\n").replace("\n\n", "\n"));
      assertEquals("false", chip.getDomAttribute("aria-pressed"), "not Alice's own reaction");
      new Actions(alices.driver).moveToElement(chip).perform();
      alices.until("who reacted, in the title", driver ->
        "Bob reacted with 👍".equals(chip(alicePage, "Yes, count me in").getDomProperty("title")));
      bobs.until("Bob's chip pressed", driver -> "true".equals(chip(bobPage, "Yes, count me in").getDomAttribute("aria-pressed")));
      alices.screenshot("message-actions-reaction");
      chip(alicePage, "Yes, count me in").click();
      bobs.until("two reactions on Bob's page", driver -> chip(bobPage, "Yes, count me in").getText().contains("2"));
      chip(bobPage, "Yes, count me in").click();
      alices.until("one reaction again, Alice's", driver -> chip(alicePage, "Yes, count me in").getText().contains("1"));
      chip(alicePage, "Yes, count me in").click();
      bobs.until("no chip left", driver -> chip(bobPage, "Yes, count me in") == null);
      alices.until("no chip left", driver -> chip(alicePage, "Yes, count me in") == null);

      // Up in the empty message box edits one's last message.
      WebElement composer = alices.find("#composer-input");
      composer.sendKeys(Keys.ARROW_UP);
      WebElement editor = alices.until("the editor", driver -> alices.findAll(".message-editor-input").stream().findFirst().orElse(null));
      assertEquals("Yes, count me in", editor.getDomProperty("value"));
      editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Yes, count me and Carol in", Keys.ENTER);
      WebElement edited = bobs.until("the edit on Bob's page", driver -> row(bobPage, "Yes, count me and Carol in (edited)"));
      assertEquals("(edited)", edited.findElement(By.cssSelector(".message-edited")).getText());
      bobs.until("Bob's quote of it updated", driver -> quoteOf(bobPage, "Great").contains("Yes, count me and Carol in"));
      assertEquals("composer-input", alicePage.activeElementId(), "saving gives the focus back to the message box");

      act(alices, row(alicePage, "Yes, count me and Carol in (edited)"), "delete");
      WebElement confirm = alices.until("the confirmation", driver -> alices.findAll(".ask-dialog button[type=submit]").stream().findFirst().orElse(null));
      assertEquals("Delete", confirm.getText());
      confirm.click();
      bobs.until("message deleted on Bob's page", driver -> row(bobPage, "message deleted") != null);
      assertTrue(row(bobPage, "message deleted").getDomAttribute("class").contains("is-deleted"));
      bobs.until("Bob's quote says deleted", driver -> quoteOf(bobPage, "Great").endsWith("message deleted"));
      assertEquals(List.of("Lunch at noon?", "message deleted", "Great"), bobPage.texts());
      assertEquals(bobPage.texts(), alicePage.texts());
      bobs.screenshot("message-actions-deleted");

      // At 360 px in the dark palette: the toolbar on a tapped message, and the reply bar.
      bobs.viewport(360, 740);
      bobs.colorScheme("dark");
      act(bobs, bobPage.waitForMessage("Great"), "reply");
      bobs.until("the reply bar", driver -> bobs.find("#reply-bar").isDisplayed());
      new Actions(bobs.driver).moveToElement(bobPage.waitForMessage("Lunch at noon?")).perform();
      bobs.screenshot("message-actions-phone-dark");
    }
  }

  @Test
  @DisplayName("delete shows on others' messages for a moderator, who may delete them, and not for a member")
  void deleteOnlyWhereAllowed() {
    TestUser member = server.register("member", "Mel");
    TestUser moderator = server.register("moderator", "Mo");
    server.setRole(moderator, "moderator");
    try (Browser members = Browser.open(); Browser moderators = Browser.open()) {
      ChatPage memberPage = new ChatPage(members, server).open(member, general);
      ChatPage moderatorPage = new ChatPage(moderators, server).open(moderator, general);
      moderatorPage.say("A word from the moderator");
      memberPage.say("Something to moderate");

      assertFalse(actionShown(members, memberPage.waitForMessage("A word from the moderator"), "delete"),
        "a member may not delete others' messages");
      assertFalse(actionShown(members, memberPage.waitForMessage("A word from the moderator"), "edit"));
      assertTrue(actionShown(members, memberPage.waitForMessage("Something to moderate"), "delete"), "one's own: yes");
      assertTrue(actionShown(members, memberPage.waitForMessage("Something to moderate"), "edit"));

      assertTrue(actionShown(moderators, moderatorPage.waitForMessage("Something to moderate"), "delete"));
      assertFalse(actionShown(moderators, moderatorPage.waitForMessage("Something to moderate"), "edit"),
        "nobody edits others' words");
      moderators.screenshot("message-actions-toolbar");
      act(moderators, moderatorPage.waitForMessage("Something to moderate"), "delete");
      moderators.until("the confirmation", driver -> moderators.findAll(".ask-dialog button[type=submit]").stream()
        .findFirst().orElse(null)).click();
      members.until("the member's message deleted", driver -> row(memberPage, "message deleted") != null);
    }
  }

  @Test
  @DisplayName("changes made while a page was offline (edits, reactions, a deletion, a reply; more than one sync page) all show after it reconnects")
  void reconnectBringsChanges() {
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    String room = admin.createRoom("away");
    alice.join(room);
    bob.join(room);
    try (Browser bobs = Browser.open(); BridgeClient alices = alice.connect()) {
      String keep = send(alices, room, "keep me", null).getString("id");
      String edit = send(alices, room, "edit me", null).getString("id");
      String delete = send(alices, room, "delete me", null).getString("id");
      ChatPage bobPage = new ChatPage(bobs, server).open(bob, room);
      bobPage.waitForMessage("delete me");
      long opens = bobs.script("return window.parley.connection.opens");
      long syncRequests = bobs.script("return window.parley.chat.historySync.requests");

      bobs.offline(true);
      bobs.script("window.parley.connection.simulateDrop()");
      bobs.until("the disconnected banner", driver -> bobs.find("#connection-banner").isDisplayed());
      alices.request("chat.edit", new JsonObject().put("messageId", edit).put("content", "edited while away"));
      alices.request("chat.react", new JsonObject().put("messageId", keep).put("emoji", ":tada:").put("on", true));
      alices.request("chat.delete", new JsonObject().put("messageId", delete));
      for (int i = 0; i < 5; i++) {
        for (boolean on : new boolean[] {true, false}) {
          alices.request("chat.react", new JsonObject().put("messageId", keep).put("emoji", "👀").put("on", on));
        }
      }
      // More changed messages than one sync answer holds (200): the page must ask again from the answer's cursor.
      List<String> fillers = IntStream.rangeClosed(1, 205).mapToObj(i -> "filler " + i).toList();
      fillers.forEach(text -> send(alices, room, text, null));
      alices.request("chat.edit", new JsonObject().put("messageId", edit).put("content", "edited twice while away"));
      send(alices, room, "a reply while away", edit);
      assertTrue(!"open".equals(bobs.script("return window.parley.connection.state")), "the page was not offline");

      bobs.offline(false);
      bobPage.waitForMessage("a reply while away");
      List<String> expected = new ArrayList<>(List.of("keep me", "edited twice while away (edited)", "message deleted"));
      expected.addAll(fillers);
      expected.add("a reply while away");
      assertEquals(expected, bobPage.texts());
      assertEquals("🎉\n1", chip(bobPage, "keep me", "🎉").getText().replace(" ", "\n").replace("\n\n", "\n"));
      assertEquals(null, chip(bobPage, "keep me", "👀"), "a reaction added and taken back is gone");
      assertTrue((Long) bobs.script("return window.parley.chat.historySync.requests") >= syncRequests + 2,
        "one sync answer could not hold it all");
      assertTrue(quoteOf(bobPage, "a reply while away").contains("edited twice while away"),
        "the reply's quote shows the original as it is now");
      assertEquals(opens + 1, (Long) bobs.script("return window.parley.connection.opens"));
      String lastSeq = server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room));
      bobs.until("the page's cursor at the room's change number", driver ->
        lastSeq.equals(String.valueOf((Object) bobs.script("return window.parley.store.room(arguments[0]).cursor", room))));
    }
  }

  @Test
  @DisplayName("clicking the quote of a reply whose original is not loaded yet loads older pages, then shows and highlights it")
  void quoteJumpsToTheOriginal() {
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    String room = admin.createRoom("long");
    alice.join(room);
    try (Browser bobs = Browser.open(); BridgeClient alices = alice.connect()) {
      String original = send(alices, room, "the original", null).getString("id");
      IntStream.rangeClosed(1, 80).forEach(i -> send(alices, room, "between " + i, null));
      send(alices, room, "about the original", original);
      // Joining now, Bob has nothing unread: an unread room would open at its New messages line, at the top of the
      // first page, and page back at once whenever the bridge is open by then.
      bob.join(room);
      ChatPage bobPage = new ChatPage(bobs, server).open(bob, room);
      WebElement reply = bobPage.waitForMessage("about the original");
      assertEquals(0, bobPage.messagesWithText("the original"), "the first page does not reach it");
      reply.findElement(By.cssSelector(".message-quote")).click();
      WebElement shown = bobs.until("the original, highlighted", driver -> {
        WebElement found = row(bobPage, "the original");
        return found != null && found.getDomAttribute("class").contains("is-highlighted") ? found : null;
      });
      assertTrue((Boolean) bobs.script("const r = arguments[0].getBoundingClientRect();"
        + "const s = document.getElementById('message-scroller').getBoundingClientRect();"
        + "return r.top >= s.top && r.bottom <= s.bottom;", shown), "scrolled into view");
    }
  }

  private static JsonObject send(BridgeClient client, String roomId, String content, String replyTo) {
    JsonObject body = new JsonObject().put("roomId", roomId).put("content", content);
    if (replyTo != null) {
      body.put("replyTo", replyTo);
    }
    return client.request("chat.send", body).getJsonObject("message");
  }

  /** Hovers the message, as a mouse would, and presses one of its action buttons. */
  private static void act(Browser browser, WebElement message, String action) {
    WebElement button = message.findElement(By.cssSelector(".message-actions [data-action=\"" + action + "\"]"));
    int[] nudge = {0};
    browser.until("the " + action + " button", driver -> {
      // Moved a little each time: a pointer already resting there (after a resize, say) fires no new hover.
      new Actions(browser.driver).moveToElement(message, nudge[0]++ % 5, 0).perform();
      return button.isDisplayed();
    });
    button.click();
  }

  private static boolean actionShown(Browser browser, WebElement message, String action) {
    new Actions(browser.driver).moveToElement(message).perform();
    return message.findElements(By.cssSelector(".message-actions [data-action=\"" + action + "\"]")).stream()
      .anyMatch(WebElement::isDisplayed);
  }

  /** The stored message whose body reads exactly this (an edited one ends in "(edited)"), or null. */
  private static WebElement row(ChatPage page, String text) {
    return page.browser.findAll("#message-list .message[data-seq]").stream()
      .filter(node -> node.findElement(By.cssSelector(".message-body")).getText().equals(text))
      .findFirst().orElse(null);
  }

  private static WebElement chip(ChatPage page, String text) {
    return chip(page, text, THUMBS_UP);
  }

  private static WebElement chip(ChatPage page, String text, String emoji) {
    WebElement message = row(page, text);
    return message == null ? null : message.findElements(By.cssSelector(".reaction-chip[data-emoji=\"" + emoji + "\"]"))
      .stream().findFirst().orElse(null);
  }

  private static String quoteOf(ChatPage page, String text) {
    WebElement message = row(page, text);
    return message == null ? "" : message.findElement(By.cssSelector(".message-quote")).getText().replace('\n', ' ');
  }
}
