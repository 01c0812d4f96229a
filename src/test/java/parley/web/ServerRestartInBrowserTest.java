package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The web app while its server is killed and started again")
class ServerRestartInBrowserTest {

  private static TestServer server;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    TestUser admin = server.register("admin");
    general = admin.generalRoomId();
  }

  @Test
  @DisplayName("two open pages ride out a restart, one sends while the other is still cut off, and both end with the same messages, none lost or doubled")
  void bothPagesConverge() {
    TestUser alice = server.register("alice", "Alice");
    TestUser bob = server.register("bob", "Bob");
    try (Browser aliceBrowser = Browser.open(); Browser bobBrowser = Browser.open()) {
      ChatPage alicePage = new ChatPage(aliceBrowser, server).open(alice, general);
      ChatPage bobPage = new ChatPage(bobBrowser, server).open(bob, general);
      alicePage.say("before the restart");
      bobPage.waitForMessage("before the restart");

      server.stop();
      waitForBanner(alicePage);
      waitForBanner(bobPage);
      alicePage.say("typed while the server was down");
      aliceBrowser.until("Alice's message to wait for the server", driver ->
        !aliceBrowser.findAll("#message-list .message.is-pending.is-queued").isEmpty());
      aliceBrowser.screenshot("restart-server-down");

      aliceBrowser.offline(true);
      server.startAgain();
      reconnect(bobPage);
      bobPage.say("sent while Alice is still cut off");
      bobPage.waitForMessage("sent while Alice is still cut off");

      aliceBrowser.offline(false);
      reconnect(alicePage);
      alicePage.waitForMessage("sent while Alice is still cut off");
      // Sent by itself once the page was back, without a Retry.
      alicePage.waitForMessage("typed while the server was down");
      bobPage.waitForMessage("typed while the server was down");
      alicePage.say("after the restart");
      bobPage.waitForMessage("after the restart");
      alicePage.waitForMessage("after the restart");

      List<String> expected = List.of("before the restart", "sent while Alice is still cut off",
        "typed while the server was down", "after the restart");
      assertEquals(expected, alicePage.texts());
      assertEquals(expected, bobPage.texts());
      assertEquals(alicePage.seqs(), bobPage.seqs());
      assertEquals(List.of(1L, 2L, 3L, 4L), alicePage.seqs(), "gapless, in order, none twice");
      assertTrue(aliceBrowser.findAll("#message-list .is-failed, #message-list .is-pending").isEmpty());
      assertEquals("4", server.queryOne("SELECT count(*) FROM messages"));
      aliceBrowser.screenshot("restart-converged");
    }
  }

  private static void waitForBanner(ChatPage page) {
    page.browser.until("the disconnected banner", driver -> page.browser.find("#connection-banner").isDisplayed());
  }

  /** What a person does after an outage: "Reconnect now" rather than waiting out the back-off. */
  private static void reconnect(ChatPage page) {
    Browser browser = page.browser;
    browser.until("the page to reconnect", driver -> {
      if ("open".equals(browser.script("return window.parley.connection.state"))) {
        return true;
      }
      WebElement retry = browser.find("#connection-retry");
      try {
        if (retry.isDisplayed()) {
          retry.click();
        }
      } catch (ElementNotInteractableException e) {
        // The page started its own attempt between the look and the click; the button is back if that fails.
      }
      return false;
    });
    page.waitConnected();
    browser.until("the banner to go", driver -> !browser.find("#connection-banner").isDisplayed());
  }
}
