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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("A deactivated person in the browser: their messages stay, under \"Deactivated user\"")
class DeactivatedInBrowserTest {

  /** The author line, the author's class, whether it has a user menu, and the quote's author, of the row with this text. */
  private static final String ROW = """
    const row = [...document.querySelectorAll('#message-list .message[data-seq]')]
      .find(candidate => candidate.querySelector('.message-body').textContent === arguments[0]);
    const author = row?.querySelector('.message-author');
    return row ? [author?.textContent ?? '', author?.className ?? '', String(!!row.querySelector('[data-user-menu]')),
      row.querySelector('.quote-author')?.textContent ?? ''] : null;""";

  private static TestServer server;
  private static TestUser root;
  private static TestUser member;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    root = server.register("root");
    member = server.register("member");
  }

  private static List<String> row(Browser browser, String text) {
    return browser.script(ROW, text);
  }

  private static String quoted(Browser browser, String text) {
    List<String> row = row(browser, text);
    return row == null ? "" : row.get(3);
  }

  private static void send(TestUser user, JsonObject body) {
    try (BridgeClient socket = user.connect()) {
      socket.request("chat.send", body);
    }
  }

  @Test
  @DisplayName("the author and a quote of them turn into a muted \"Deactivated user\" without a user menu at once, stay so after a reload, and get their name back at reactivation")
  void maskedLive() {
    TestUser leaver = server.register("leaver", "Lee Leaver");
    String room = root.createRoom("farewells", leaver, member);
    try (BridgeClient socket = leaver.connect()) {
      String said = socket.request("chat.send", new JsonObject().put("roomId", room).put("content", "my last words"))
        .getJsonObject("message").getString("id");
      send(root, new JsonObject().put("roomId", room).put("content", "we will miss you").put("replyTo", said));
    }
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(member, room);
      page.waitForMessage("we will miss you");
      assertEquals(List.of("Lee Leaver", "message-author", "true", ""), row(browser, "my last words"));

      assertEquals(200, root.post("/api/users/" + leaver.id() + "/deactivate", new JsonObject()).statusCode());
      browser.until("the author masked at once", driver -> List.of("Deactivated user", "message-author is-deactivated", "false", "")
        .equals(row(browser, "my last words")));
      browser.until("the quote masked at once", driver -> quoted(browser, "we will miss you").equals("Deactivated user"));
      browser.screenshot("deactivated-author");

      browser.driver.navigate().refresh();
      page.waitConnected().waitForMessage("we will miss you");
      assertEquals(List.of("Deactivated user", "message-author is-deactivated", "false", ""), row(browser, "my last words"));
      assertEquals("Deactivated user", quoted(browser, "we will miss you"));

      assertEquals(200, root.post("/api/users/" + leaver.id() + "/reactivate", new JsonObject()).statusCode());
      browser.until("the name back at once", driver -> List.of("Lee Leaver", "message-author", "true", "")
        .equals(row(browser, "my last words")));
      browser.until("the quote named again", driver -> quoted(browser, "we will miss you").equals("Lee Leaver"));
    }
  }
}
