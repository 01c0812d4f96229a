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

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Typing indicators in the browser")
class TypingInBrowserTest {

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

  private static String typingLine(Browser browser) {
    return browser.find("#typing-line").getText();
  }

  @Test
  @DisplayName("one person's typing shows on the other's page and goes when they send or go quiet; two typists are named together")
  void typingShowsAndGoes() {
    TestUser ada = server.register("ada");
    TestUser bo = server.register("bo");
    TestUser cy = server.register("cy");
    try (Browser adas = Browser.open(); Browser bos = Browser.open(); BridgeClient cys = cy.connect()) {
      ChatPage adaPage = new ChatPage(adas, server).open(ada, general).waitConnected();
      new ChatPage(bos, server).open(bo, general).waitConnected();
      adas.find("#composer-input").sendKeys("Hello the");
      String adaName = ada.user.getString("displayName");
      bos.until("Ada typing", driver -> typingLine(bos).equals(adaName + " is typing…"));
      assertEquals("", typingLine(adas), "one's own typing is not shown");

      cys.request("chat.typing", new JsonObject().put("roomId", general).put("typing", true));
      String cyName = cy.user.getString("displayName");
      bos.until("both named", driver -> typingLine(bos).equals(adaName + " and " + cyName + " are typing…"));
      bos.screenshot("typing-two");

      adas.find("#composer-input").sendKeys("re\n");
      adaPage.waitForMessage("Hello there");
      bos.until("Ada no longer typing once she sent", driver -> typingLine(bos).equals(cyName + " is typing…"));
      // Cy's client goes quiet without saying it stopped: the server ends the state 6 s after the last refresh.
      bos.until("Cy's typing expired", driver -> typingLine(bos).isEmpty());
    }
  }
}
