package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Reading a room in the browser: days, the new-messages line, jumping back down, long histories")
class ReadingInBrowserTest {

  private static final String DAY_LABELS = "return [...document.querySelectorAll('#message-list .day-divider')].map(d => d.textContent)";

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

  /** Sends many messages at once, a batch at a time: their order within a batch does not matter here. */
  private static void fill(BridgeClient writer, String roomId, int count, String prefix) {
    for (int sent = 0; sent < count; sent += 50) {
      List<CompletableFuture<JsonObject>> batch = new ArrayList<>();
      for (int i = sent; i < Math.min(count, sent + 50); i++) {
        batch.add(writer.requestAsync("chat.send", new JsonObject().put("roomId", roomId).put("content", prefix + (i + 1)), null));
      }
      batch.forEach(CompletableFuture::join);
    }
  }

  private static TestUser readerOf(String name, String roomId) {
    TestUser reader = server.register(name);
    reader.join(roomId);
    return reader;
  }

  @Test
  @DisplayName("messages are grouped under a separator per day: a date, Yesterday, Today")
  void daySeparators() {
    String room = admin.createRoom("days");
    TestUser reader = readerOf("days_reader", room);
    try (BridgeClient writer = admin.connect()) {
      for (String text : List.of("last week 1", "last week 2", "yesterday 1", "yesterday 2", "today 1", "today 2")) {
        send(writer, room, text);
      }
    }
    server.queryOne("UPDATE messages SET created_at = created_at - interval '8 days' WHERE content LIKE 'last week%' RETURNING 1");
    server.queryOne("UPDATE messages SET created_at = created_at - interval '1 day' WHERE content LIKE 'yesterday%' RETURNING 1");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(reader, room);
      page.waitForMessage("today 2");
      List<String> days = browser.script(DAY_LABELS);
      assertEquals(3, days.size(), days.toString());
      assertTrue(days.get(0).matches(".*\\d.*"), "a date for last week: " + days.get(0));
      assertEquals(List.of("Yesterday", "Today"), days.subList(1, 3));
      assertEquals(3L, (Long) browser.script("return document.querySelectorAll('#message-list .message.starts-group').length"),
        "one author, but a new group on each day");
      browser.screenshot("days");
    }
  }

  @Test
  @DisplayName("scrolled up, new messages get a line above the first of them and a button that counts them and jumps down")
  void newMessagesLineAndJumpButton() {
    String room = admin.createRoom("busy");
    TestUser reader = readerOf("busy_reader", room);
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      fill(writer, room, 80, "earlier ");
      try (BridgeClient readerBus = reader.connect()) {
        // Read on another device already, so the page opens at the bottom rather than at the first unread.
        readerBus.request("chat.read", new JsonObject().put("roomId", room).put("seq", 80));
      }
      ChatPage page = new ChatPage(browser, server).open(reader, room);
      browser.until("the newest page", driver -> page.seqs().contains(80L));
      assertFalse(page.jumpButtonShown(), "at the bottom there is nothing to jump to");
      assertEquals(null, page.seqBelowNewMarker(), "nothing new yet");

      page.scrollToTop();
      browser.until("the jump button", driver -> page.jumpButtonShown());
      assertEquals("Jump to latest", browser.find("#jump-latest").getText());
      send(writer, room, "new while scrolled up 1");
      send(writer, room, "new while scrolled up 2");
      send(writer, room, "new while scrolled up 3");
      browser.until("the count on the button", driver -> browser.find("#jump-latest").getText().equals("3 new messages"));
      assertEquals(81L, page.seqBelowNewMarker(), "the line sits above the first new message");
      assertTrue(page.distanceFromBottom() > 500, "reading old messages is not interrupted");
      browser.screenshot("jump-button");

      browser.find("#jump-latest").click();
      browser.until("the bottom", driver -> page.distanceFromBottom() < 5);
      browser.until("the button to go", driver -> !page.jumpButtonShown());
      assertEquals(81L, page.seqBelowNewMarker(), "the line stays until the reader moves on");
      assertEquals("composer-input", page.activeElementId());
      browser.screenshot("new-messages-line");

      page.say("caught up");
      page.waitForMessage("caught up");
      browser.until("sending to clear the line", driver -> page.seqBelowNewMarker() == null);
    }
  }

  @Test
  @DisplayName("opening a room with unread messages shows the line above the first unread one")
  void lineOnOpeningARoom() {
    String room = admin.createRoom("elsewhere");
    TestUser reader = readerOf("elsewhere_reader", room);
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      send(writer, room, "read before");
      try (BridgeClient readerBus = reader.connect()) {
        readerBus.request("chat.read", new JsonObject().put("roomId", room).put("seq", 1));
      }
      ChatPage page = new ChatPage(browser, server).open(reader, general);
      send(writer, room, "unread 1");
      send(writer, room, "unread 2");
      browser.until("the unread count", driver -> page.unreadBadge(room) == 2);

      browser.find("#room-list li[data-room-id=\"" + room + "\"] a").click();
      page.waitForMessage("unread 2");
      assertEquals(2L, page.seqBelowNewMarker());
      assertEquals(0, page.unreadBadge(room));
    }
  }

  @Test
  @DisplayName("a long history keeps at most 500 messages in the page; paging far back drops the newest, and jumping brings them back")
  void longHistoryIsCapped() {
    String room = admin.createRoom("long");
    TestUser reader = readerOf("long_reader", room);
    int total = 620;
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      fill(writer, room, total, "long ");
      ChatPage page = new ChatPage(browser, server).open(reader, room);
      browser.until("the newest page", driver -> page.seqs().contains((long) total));

      long most = 0;
      while (!page.seqs().contains(1L)) {
        long oldest = page.seqs().get(0);
        page.scrollToTop();
        browser.until("an older page", driver -> page.seqs().get(0) < oldest);
        most = Math.max(most, page.seqs().size());
      }
      assertEquals(500, most, "never more than 500 messages in the page");
      assertFalse(page.seqs().contains((long) total), "the newest were dropped on the way up");
      assertTrue(page.jumpButtonShown());

      send(writer, room, "arrived meanwhile");
      browser.until("the count on the button", driver -> browser.find("#jump-latest").getText().equals("1 new message"));
      browser.find("#jump-latest").click();
      page.waitForMessage("arrived meanwhile");
      browser.until("the bottom", driver -> page.distanceFromBottom() < 5);
      List<Long> seqs = page.seqs();
      assertEquals(total + 1L, seqs.get(seqs.size() - 1));
      assertTrue(seqs.size() <= 51, "only the newest page again: " + seqs.size());
      assertFalse(page.jumpButtonShown());
    }
  }
}
