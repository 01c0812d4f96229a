package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import parley.testing.Browser;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Slash commands in the web app")
class CommandsInBrowserTest {

  private static TestServer server;
  private static TestUser admin;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    general = admin.generalRoomId();
  }

  @Test
  @DisplayName("a private answer shows as a notice in every tab and leaves nothing pending; room output is a message")
  void privateAndRoomOutput() {
    TestUser user = server.register("typist");
    try (Browser typing = Browser.open(); Browser otherTab = Browser.open()) {
      openConnected(typing, user);
      openConnected(otherTab, user);
      say(typing, "/rooms");
      for (Browser tab : new Browser[] {typing, otherTab}) {
        tab.until("the /rooms notice", driver -> tab.find("#notice").isDisplayed()
          && tab.find("#notice").getText().equals("Your rooms: #general"));
      }
      assertTrue(typing.findAll("#message-list .message").isEmpty(), "nothing was posted");

      say(typing, "/me waves");
      say(typing, "//shrug");
      typing.until("both messages stored", driver -> typing.findAll("#message-list .message[data-seq]").size() == 2);
      assertEquals("* " + user.username() + " waves", typing.findAll("#message-list .message-body").get(0).getText());
      assertEquals("/shrug", typing.findAll("#message-list .message-body").get(1).getText());
      assertTrue(typing.findAll("#message-list .is-pending").isEmpty());
      assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content LIKE '%rooms%'"));
    }
  }

  private static void openConnected(Browser browser, TestUser user) {
    browser.signedIn(server, user, "/#/room/" + general);
    browser.until("the connection and first sync", driver -> (Boolean) browser.script(
      "return !!window.parley && window.parley.connection.state === 'open' && window.parley.chat.syncs > 0"));
  }

  private static void say(Browser browser, String text) {
    browser.find("#composer-input").sendKeys(text, Keys.ENTER);
  }
}
