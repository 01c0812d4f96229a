package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Direct messages and groups in the browser")
class DirectMessagesInBrowserTest {

  private static TestServer server;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    general = server.register("admin").generalRoomId();
  }

  /** The link to a conversation in the Direct messages section, once it shows one called {@code title}. */
  private static WebElement conversationLink(Browser browser, String title) {
    return browser.until("'" + title + "' under Direct messages", driver -> browser.findAll("#dm-list li a").stream()
      .filter(link -> link.findElement(By.cssSelector(".room-link-name")).getText().equals(title)).findFirst().orElse(null));
  }

  private static void pick(Browser browser, String username) {
    WebElement search = browser.find("#new-message-search");
    browser.until("people to pick from", driver -> !browser.findAll("#new-message-results li").isEmpty());
    search.sendKeys(username, Keys.ENTER);
  }

  @Test
  @DisplayName("Alice starts a DM with Bob from the dialog; it appears on Bob's open page without a reload; they talk both ways")
  void dmFromTheDialog() {
    TestUser alice = server.register("alice", "Alice A.");
    TestUser bob = server.register("bob", "Bob B.");
    try (Browser alices = Browser.open(); Browser bobs = Browser.open()) {
      ChatPage alicePage = new ChatPage(alices, server).open(alice, general).waitConnected();
      ChatPage bobPage = new ChatPage(bobs, server).open(bob, general).waitConnected();

      alices.find("#new-message").click();
      pick(alices, bob.username());
      alices.until("Bob picked", driver -> alices.find("#new-message-picked").getText().contains("Bob B."));
      assertEquals("Message", alices.find("#new-message-submit").getText());
      alices.find("#new-message-submit").click();
      alicePage.waitForRoom("Bob B.");
      assertEquals("@ Bob B.", alicePage.roomName());
      conversationLink(alices, "Bob B.");
      alicePage.say("Hello Bob, just us");
      alicePage.waitForMessage("Hello Bob, just us");

      WebElement link = conversationLink(bobs, "Alice A.");
      String dmId = link.findElement(By.xpath("..")).getDomAttribute("data-room-id");
      bobs.until("an unread badge on the new DM", driver -> bobPage.unreadBadge(dmId) == 1);
      bobs.screenshot("dm-appeared");
      link.click();
      bobPage.waitForRoom("Alice A.");
      bobPage.waitForMessage("Hello Bob, just us");
      assertTrue(bobs.findAll("#leave-room").stream().noneMatch(WebElement::isDisplayed), "a DM cannot be left");
      bobPage.say("Hi Alice, got it");
      alicePage.waitForMessage("Hi Alice, got it");
      alices.screenshot("dm-both-ways");
    }
  }

  @Test
  @DisplayName("a named group from the dialog shows on every member's page; Message in the user menu opens the DM")
  void groupAndUserMenu() {
    TestUser cleo = server.register("cleo", "Cleo C.");
    TestUser dan = server.register("dan", "Dan D.");
    TestUser eve = server.register("eve", "Eve E.");
    try (Browser cleos = Browser.open(); Browser dans = Browser.open()) {
      ChatPage cleoPage = new ChatPage(cleos, server).open(cleo, general).waitConnected();
      ChatPage danPage = new ChatPage(dans, server).open(dan, general).waitConnected();

      cleos.find("#new-message").click();
      pick(cleos, dan.username());
      pick(cleos, eve.username());
      cleos.until("the group name field", driver -> cleos.find("#new-message-name").isDisplayed());
      assertEquals("Start group", cleos.find("#new-message-submit").getText());
      cleos.find("#new-message-name").sendKeys("Launch crew");
      cleos.find("#new-message-submit").click();
      cleoPage.waitForRoom("Launch crew");
      cleoPage.say("Kick-off at ten");

      conversationLink(dans, "Launch crew").click();
      danPage.waitForRoom("Launch crew");
      danPage.waitForMessage("Kick-off at ten");
      assertEquals("Cleo C., Dan D., Eve E.", dans.find("#room-description").getText());
      assertEquals(200, eve.post("/api/rooms/" + dans.script("return location.hash.split('/').pop()") + "/leave",
        new io.vertx.core.json.JsonObject()).statusCode());
      dans.until("Eve gone from the members shown", driver -> dans.find("#room-description").getText().equals("Cleo C., Dan D."));

      danPage.waitForMessage("Kick-off at ten").findElement(By.cssSelector("button[data-user-menu]")).click();
      WebElement message = dans.until("Message in the menu", driver -> dans.findAll(".user-menu [role=menuitem]").stream()
        .filter(item -> item.getText().equals("Message")).findFirst().orElse(null));
      message.click();
      danPage.waitForRoom("Cleo C.");
      conversationLink(cleos, "Dan D.");
    }
  }
}
