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
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  @DisplayName("typing / lists the commands one may run, filtered as one types; Enter completes a name, or sends it when whole")
  void suggestsCommandsAsOneTypes() {
    TestUser member = server.register("suggested");
    try (Browser browser = Browser.open()) {
      openConnected(browser, member);
      WebElement input = browser.find("#composer-input");
      input.sendKeys("/");
      List<String> offered = browser.until("the suggestions", driver -> suggestions(browser).isEmpty() ? null : suggestions(browser));
      assertTrue(offered.containsAll(List.of("help", "rooms", "who", "me", "nick", "invite")), offered.toString());
      assertFalse(offered.contains("kick"), "a member cannot run /kick: " + offered);

      input.sendKeys("ro");
      browser.until("only /rooms left", driver -> suggestions(browser).equals(List.of("rooms")));
      assertEquals("/rooms", browser.find("#command-suggestions [aria-selected=true] .command-usage").getText());
      browser.screenshot("command-suggestions");
      input.sendKeys(Keys.ENTER);
      assertEquals("/rooms ", input.getDomProperty("value"));
      assertTrue(suggestions(browser).isEmpty(), "completing closes the list");
      assertFalse(browser.find("#notice").isDisplayed(), "Enter completed the name and sent nothing");
      input.sendKeys(Keys.BACK_SPACE);
      browser.until("the list for the whole name", driver -> suggestions(browser).equals(List.of("rooms")));
      input.sendKeys(Keys.ENTER);
      browser.until("the whole command sent", driver -> browser.find("#notice").getText().equals("Your rooms: #general"));

      input.clear();
      input.sendKeys("/");
      browser.until("the suggestions again", driver -> !suggestions(browser).isEmpty());
      input.sendKeys(Keys.ARROW_DOWN, Keys.TAB);
      assertEquals("/" + offered.get(1) + " ", input.getDomProperty("value"), "the arrow moved to the second command");
      input.clear();
      input.sendKeys("/");
      browser.until("the suggestions once more", driver -> !suggestions(browser).isEmpty());
      input.sendKeys(Keys.ESCAPE);
      input.sendKeys("h");
      assertTrue(suggestions(browser).isEmpty(), "Escape keeps the list closed while the name is typed");
    }
  }

  @Test
  @DisplayName("a topic set by command is a centred system line, and the room header shows the topic live")
  void systemLineAndLiveTopic() {
    TestUser moderator = server.register("topical");
    server.setRole(moderator, "moderator");
    TestUser viewer = server.register("viewer");
    String room = moderator.createRoom("plans");
    viewer.join(room);
    try (Browser browser = Browser.open(); BridgeClient client = moderator.connect()) {
      browser.signedIn(server, viewer, "/#/room/" + room);
      browser.until("the connection and first sync", driver -> (Boolean) browser.script(
        "return !!window.parley && window.parley.connection.state === 'open' && window.parley.chat.syncs > 0"));
      client.request("chat.send", new JsonObject().put("roomId", room).put("content", "/topic Release on Friday"));

      browser.until("the topic in the header", driver -> browser.find("#room-description").getText().equals("Release on Friday"));
      WebElement line = browser.until("the system line", driver ->
        browser.findAll("#message-list .message.kind-system").stream().findFirst().orElse(null));
      assertEquals(moderator.username() + " set the topic: Release on Friday", line.getText());
      assertTrue(line.findElements(By.cssSelector(".avatar, .message-author")).isEmpty(), "a system line names nobody apart");
      assertEquals("center", browser.script("return getComputedStyle(arguments[0].querySelector('.message-main')).textAlign", line));
      browser.screenshot("command-system-line");
    }
  }

  private static List<String> suggestions(Browser browser) {
    return browser.script("const list = document.getElementById('command-suggestions');"
      + "return !list || list.hidden ? [] : [...list.querySelectorAll('[role=option]')].map(option => option.dataset.command)");
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
