package parley.web;

import io.vertx.core.Vertx;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The sidebar in the browser: unread counts, creating and leaving rooms")
class SidebarInBrowserTest {

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
  @DisplayName("messages in a room not in view count as unread in the sidebar and the tab title, never one's own; answering marks the room read")
  void unreadElsewhere() {
    TestUser reader = server.register("unread");
    TestUser writer = server.register("chatty");
    String side = admin.createRoom("unread-side");
    reader.join(side);
    writer.join(side);
    try (Browser browser = Browser.open(); BridgeClient writerBus = writer.connect(); BridgeClient readerBus = reader.connect()) {
      ChatPage page = new ChatPage(browser, server).open(reader, general);
      assertEquals("Parley", browser.driver.getTitle());
      send(writerBus, side, "elsewhere 1");
      send(writerBus, side, "elsewhere 2");
      browser.until("two unread in the sidebar", driver -> page.unreadBadge(side) == 2);
      browser.until("two unread in the title", driver -> "(2) Parley".equals(driver.getTitle()));

      send(readerBus, side, "my own, from another device");
      browser.until("answering from another device to mark the room read", driver -> page.unreadBadge(side) == 0);
      send(writerBus, side, "elsewhere 3");
      browser.until("the third unread", driver -> page.unreadBadge(side) == 1);
      assertEquals("(1) Parley", browser.driver.getTitle(), "one's own message is not unread");
      assertEquals(0, page.unreadBadge(general));
      browser.screenshot("unread");

      browser.find("#room-list li[data-room-id=\"" + side + "\"] a").click();
      page.waitForMessage("elsewhere 3");
      browser.until("the title to clear", driver -> "Parley".equals(driver.getTitle()));
      assertEquals(0, page.unreadBadge(side));
      assertEquals(1, browser.findAll("#room-list .is-current").size());
      assertTrue(browser.find("#room-list .is-current").getText().contains("unread-side"));
    }
  }

  @Test
  @DisplayName("a superadmin creates a room from the sidebar and lands in it; a member has no such button")
  void createRoom() {
    TestUser member = server.register("plain");
    try (Browser adminBrowser = Browser.open(); Browser memberBrowser = Browser.open()) {
      ChatPage page = new ChatPage(adminBrowser, server).open(admin, general);
      adminBrowser.find("#create-room").click();
      adminBrowser.until("the dialog", driver -> adminBrowser.find("#create-dialog").isDisplayed());
      adminBrowser.find("#create-name").sendKeys("planning");
      adminBrowser.find("#create-description").sendKeys("Roadmaps and dates");
      adminBrowser.screenshot("create-room");
      adminBrowser.find("#create-submit").click();
      page.waitForRoom("planning");
      assertEquals("Roadmaps and dates", adminBrowser.find("#room-description").getText());
      assertFalse(adminBrowser.find("#create-dialog").isDisplayed());
      assertTrue(adminBrowser.find("#room-list .is-current").getText().contains("planning"));

      new ChatPage(memberBrowser, server).open(member, general);
      assertFalse(memberBrowser.find("#create-room").isDisplayed(), "members may not create rooms");
      assertTrue(memberBrowser.find("#browse-rooms").isDisplayed());
    }
  }

  @Test
  @DisplayName("leaving a room takes it out of the sidebar and goes back to #general; #general itself cannot be left")
  void leaveRoom() {
    String room = admin.createRoom("leavable");
    TestUser leaver = server.register("leaver");
    leaver.join(room);
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(leaver, room);
      page.waitForRoom("leavable");
      browser.find("#leave-room").click();
      page.waitForRoom("general");
      browser.until("the notice", driver -> browser.find("#notice").getText().contains("You left #leavable"));
      assertTrue(browser.findAll("#room-list li[data-room-id=\"" + room + "\"]").isEmpty());
      assertFalse(browser.find("#leave-room").isDisplayed(), "no Leave button in the default room");
    }
  }
}
