package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Mentions and read state in the browser: @ suggestions, the mention badge, clearing in every tab, receipts")
class MentionsInBrowserTest {

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

  private static String suggestions(Browser browser) {
    List<WebElement> shown = browser.findAll("#mention-suggestions:not([hidden]) .mention-option");
    return String.join(",", shown.stream().map(option -> option.getAttribute("data-username")).toList());
  }

  @Test
  @DisplayName("@ suggests members, the mentioned person sees a mention badge apart from unread, and opening the room clears both in every tab")
  void mentionBadgeAndAutocomplete() {
    String room = admin.createRoom("launch");
    TestUser ada = server.register("ada", "Ada Lovelace");
    TestUser bo = server.register("bo");
    ada.join(room);
    bo.join(room);
    try (Browser bos = Browser.open(); Browser adas = Browser.open(); Browser adasOtherTab = Browser.open()) {
      ChatPage boPage = new ChatPage(bos, server).open(bo, room);
      ChatPage adaPage = new ChatPage(adas, server).open(ada, general);
      ChatPage adaOther = new ChatPage(adasOtherTab, server).open(ada, general);

      bos.find("#composer-input").sendKeys("ping @Ad");
      bos.until("Ada suggested first (admin matches too)", driver -> suggestions(bos).startsWith(ada.username() + ","));
      bos.screenshot("mention-suggestions");
      bos.find("#composer-input").sendKeys(Keys.TAB);
      bos.until("the suggestion to close", driver -> suggestions(bos).isEmpty());
      assertEquals("ping @" + ada.username() + " ", bos.find("#composer-input").getAttribute("value"));
      bos.find("#composer-input").sendKeys("the release is ready", Keys.ENTER);
      boPage.waitForMessage("ping @" + ada.username() + " the release is ready");
      try (BridgeClient boBus = bo.connect()) {
        send(boBus, room, "and nothing for Ada here");
      }

      for (ChatPage page : List.of(adaPage, adaOther)) {
        page.browser.until("one mention and two unread", driver -> page.mentionBadge(room) == 1 && page.unreadBadge(room) == 2);
      }
      adas.screenshot("mention-badge");

      adas.find("#room-list li[data-room-id=\"" + room + "\"] a").click();
      WebElement mention = adaPage.waitForMessage("ping @" + ada.username() + " the release is ready");
      assertTrue(mention.getAttribute("class").contains("is-mention"), "a mention of you is highlighted");
      assertEquals(0, adaPage.mentionBadge(room));
      assertEquals(0, adaPage.unreadBadge(room));
      adasOtherTab.until("the other tab to clear its badges too",
        driver -> adaOther.mentionBadge(room) == 0 && adaOther.unreadBadge(room) == 0);
      assertEquals("Parley", adasOtherTab.driver.getTitle());
      assertEquals("0", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ? AND read_seq < 2",
        Long.parseLong(room), Long.parseLong(ada.id())), "the server knows Ada has read both");
    }
  }

  @Test
  @DisplayName("read receipts in a DM: the other member's initials sit under the last message they have read, and move as they read")
  void receiptsFollowTheReader() {
    TestUser cy = server.register("cy", "Cy Twombly");
    TestUser di = server.register("di", "Di Fossey");
    String room = cy.post("/api/dms", new io.vertx.core.json.JsonObject().put("userId", di.id())).bodyAsJsonObject()
      .getJsonObject("room").getString("id");
    try (Browser cys = Browser.open(); BridgeClient diBus = di.connect(); BridgeClient cyBus = cy.connect()) {
      send(cyBus, room, "first from Cy");
      send(cyBus, room, "second from Cy");
      ChatPage page = new ChatPage(cys, server).open(cy, room);
      page.waitForMessage("second from Cy");
      diBus.request("chat.read", new io.vertx.core.json.JsonObject().put("roomId", room).put("seq", 1));
      cys.until("Di's receipt under the first message", driver -> receiptUnder(page, 1L).contains("DF"));
      diBus.request("chat.read", new io.vertx.core.json.JsonObject().put("roomId", room).put("seq", 2));
      cys.until("Di's receipt moved to the second", driver -> receiptUnder(page, 2L).contains("DF") && receiptUnder(page, 1L).isEmpty());
      cys.screenshot("receipts");
    }
  }

  private static String receiptUnder(ChatPage page, long seq) {
    return page.browser.script("const row = document.querySelector('#message-list .message[data-seq=\"' + arguments[0] + '\"]');"
      + "return row ? [...row.querySelectorAll('.receipt')].map(r => r.dataset.initials).join(',') : '';", seq);
  }
}
