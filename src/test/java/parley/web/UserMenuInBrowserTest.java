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
import org.openqa.selenium.interactions.Actions;
import parley.testing.Browser;
import parley.testing.BridgeClient;
import parley.testing.ChatPage;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The user menu in a real browser")
class UserMenuInBrowserTest {

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    root = server.register("root");
    general = root.generalRoomId();
  }

  @Test
  @DisplayName("a member sees no admin button; a moderator's menu on a member offers Kick but not Change role")
  void menusOfferOnlyWhatOneMayDo() {
    TestUser member = server.register("member");
    TestUser moderator = moderator();
    String lobby = roomWith("lobby", member, moderator);
    post(member, lobby, "hello from a member");
    try (Browser memberBrowser = Browser.open(); Browser moderatorBrowser = Browser.open()) {
      ChatPage memberPage = new ChatPage(memberBrowser, server).open(member, lobby);
      assertTrue(memberBrowser.findAll("#open-admin").stream().noneMatch(WebElement::isDisplayed));
      openMenu(memberBrowser, memberPage.waitForMessage("hello from a member"));
      assertEquals(List.of("Copy username", "Change display name…", "Set your status…"), menuItems(memberBrowser));

      ChatPage moderatorPage = new ChatPage(moderatorBrowser, server).open(moderator, lobby);
      WebElement button = openMenu(moderatorBrowser, moderatorPage.waitForMessage("hello from a member"));
      assertEquals(List.of("Copy username", "Kick from #" + name("lobby") + "…", "Set vacation…", "Message"),
        menuItems(moderatorBrowser));
      moderatorBrowser.screenshot("user-menu-moderator");

      assertEquals("Copy username", focusedText(moderatorBrowser));
      moderatorBrowser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
      assertEquals("Kick from #" + name("lobby") + "…", focusedText(moderatorBrowser));
      moderatorBrowser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
      assertEquals("Set vacation…", focusedText(moderatorBrowser));
      moderatorBrowser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
      assertEquals("Message", focusedText(moderatorBrowser));
      moderatorBrowser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
      assertEquals("Copy username", focusedText(moderatorBrowser), "the arrows wrap around");
      moderatorBrowser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
      moderatorBrowser.until("the menu closed", driver -> moderatorBrowser.findAll(".user-menu").isEmpty());
      assertEquals(Boolean.TRUE, moderatorBrowser.script("return document.activeElement === arguments[0]", button),
        "Escape gives focus back to the button");
      assertEquals("false", button.getDomAttribute("aria-expanded"));

      button.click();
      moderatorBrowser.until("the menu open again", driver -> !moderatorBrowser.findAll(".user-menu").isEmpty());
      assertEquals("true", button.getDomAttribute("aria-expanded"));
      button.click();
      moderatorBrowser.until("the menu closed by its own button", driver -> moderatorBrowser.findAll(".user-menu").isEmpty());
    }
  }

  @Test
  @DisplayName("kicking from the menu of a right-clicked name takes the room from the kicked person's page live")
  void kickFromTheMenuReachesTheKickedLive() {
    TestUser victim = server.register("victim");
    TestUser moderator = moderator();
    String backroom = roomWith("backroom", victim, moderator);
    post(victim, backroom, "I am about to be kicked");
    try (Browser victimBrowser = Browser.open(); Browser moderatorBrowser = Browser.open()) {
      ChatPage victimPage = new ChatPage(victimBrowser, server).open(victim, backroom);
      victimPage.waitForRoom(name("backroom"));
      victimBrowser.script("window.sameDocument = true");
      ChatPage moderatorPage = new ChatPage(moderatorBrowser, server).open(moderator, backroom);

      WebElement author = moderatorPage.waitForMessage("I am about to be kicked").findElement(By.cssSelector(".message-author"));
      new Actions(moderatorBrowser.driver).contextClick(author).perform();
      moderatorBrowser.until("the menu", driver -> !moderatorBrowser.findAll(".user-menu").isEmpty());
      moderatorBrowser.findAll(".user-menu-item").stream().filter(item -> item.getText().startsWith("Kick ")).findFirst().orElseThrow().click();
      WebElement confirm = moderatorBrowser.until("the confirmation", driver ->
        moderatorBrowser.findAll(".ask-dialog button[type=submit]").stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
      assertTrue(moderatorBrowser.find(".ask-dialog h2").getText().startsWith("Kick "));
      confirm.click();

      victimBrowser.until("the room gone from the sidebar", driver ->
        victimBrowser.findAll("#room-list li[data-room-id='" + backroom + "']").isEmpty());
      victimBrowser.until("the notice", driver ->
        victimBrowser.find("#notice").getText().equals("You were removed from #" + name("backroom") + "."));
      victimPage.waitForRoom("general");
      assertEquals(Boolean.TRUE, victimBrowser.script("return window.sameDocument === true"), "the page reloaded");
      assertEquals("0", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?",
        Long.parseLong(backroom), Long.parseLong(victim.id())));
      victimBrowser.screenshot("user-menu-kicked");
    }
  }

  @Test
  @DisplayName("renaming someone from the menu renames them on the messages already on their screen")
  void renameShowsLiveOnShownMessages() {
    TestUser renamed = server.register("renamed");
    post(renamed, general, "my name is about to change");
    try (Browser rootBrowser = Browser.open(); Browser renamedBrowser = Browser.open()) {
      ChatPage renamedPage = new ChatPage(renamedBrowser, server).open(renamed, general);
      renamedPage.waitForMessage("my name is about to change");
      ChatPage rootPage = new ChatPage(rootBrowser, server).open(root, general);
      openMenu(rootBrowser, rootPage.waitForMessage("my name is about to change"));
      assertEquals(List.of("Copy username", "Change display name…", "Change role…", "Set vacation…", "Message"),
        menuItems(rootBrowser));
      rootBrowser.find(".user-menu-item:nth-of-type(2)").click();
      WebElement field = rootBrowser.until("the prompt", driver -> rootBrowser.findAll(".ask-dialog input").stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
      field.clear();
      field.sendKeys("Renée Renamed", Keys.ENTER);

      renamedBrowser.until("the shown message renamed", driver -> renamedPage.waitForMessage("my name is about to change")
        .findElement(By.cssSelector(".message-author")).getText().equals("Renée Renamed"));
      renamedBrowser.until("the own name in the sidebar", driver -> renamedBrowser.find("#me-name").getText().equals("Renée Renamed"));
      rootBrowser.screenshot("user-menu-renamed");
    }
  }

  private static TestUser moderator() {
    TestUser moderator = server.register("moderator");
    server.setRole(moderator, "moderator");
    return moderator;
  }

  private static String name(String prefix) {
    return prefix + "_room";
  }

  private static String roomWith(String prefix, TestUser... members) {
    String room = root.createRoom(name(prefix));
    for (TestUser member : members) {
      member.join(room);
    }
    return room;
  }

  private static void post(TestUser author, String roomId, String text) {
    try (BridgeClient client = author.connect()) {
      ChatPage.send(client, roomId, text);
    }
  }

  private static WebElement openMenu(Browser browser, WebElement message) {
    WebElement button = message.findElement(By.cssSelector("button[data-user-menu]"));
    button.click();
    browser.until("the user menu", driver -> !browser.findAll(".user-menu").isEmpty());
    return button;
  }

  private static List<String> menuItems(Browser browser) {
    return browser.findAll(".user-menu [role=menuitem]").stream().map(WebElement::getText).toList();
  }

  private static String focusedText(Browser browser) {
    return browser.driver.switchTo().activeElement().getText();
  }
}
