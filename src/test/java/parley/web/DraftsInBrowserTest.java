package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Drafts per room, and messages written while the connection is down, in the browser")
class DraftsInBrowserTest {

  private static final String PENDING = "#message-list .message.is-pending";
  private static final String FAILED = "#message-list .message.is-failed";

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
  @DisplayName("text typed in one room stays there: another room's box is empty, Enter there sends none of it, and it is back on return")
  void draftStaysWithItsRoom() {
    TestUser ann = server.register("ann", "Ann");
    String side = admin.createRoom("side-" + ann.id(), ann);
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(ann, general);
      browser.find("#composer-input").sendKeys("half a thought for general");

      openRoom(page, side);
      assertEquals("", composerText(browser));
      browser.find("#composer-input").sendKeys(Keys.ENTER);
      page.say("said in side");
      page.waitForMessage("said in side");
      assertEquals(0, page.messagesWithText("half a thought for general"));

      openRoom(page, general);
      assertEquals("half a thought for general", composerText(browser));
      assertTrue(browser.findAll(PENDING).isEmpty());
      assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content LIKE 'half a thought%'"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE author_id = ?", Long.parseLong(ann.id())));
    }
  }

  @Test
  @DisplayName("a draft's text, reply and file survive a reload, a file still uploading when one leaves the room lands in that room's draft, "
    + "and sending clears the draft for good")
  void draftSurvivesReload(@TempDir Path directory) throws IOException {
    TestUser bea = server.register("bea", "Bea");
    String room = admin.createRoom("plans-" + bea.id(), bea);
    String side = admin.createRoom("aside-" + bea.id(), bea);
    Path notes = Files.writeString(directory.resolve("notes.txt"), "the plan");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(bea, room);
      page.say("Lunch on Friday?");
      act(browser, page.waitForMessage("Lunch on Friday?"), "reply");
      browser.until("the reply bar", driver -> browser.find("#reply-bar").isDisplayed());
      browser.find("#composer-input").sendKeys("Yes, with the plan attached");
      browser.holdRequests("*/api/files");
      page.attach(notes);
      browser.until("the file uploading", driver -> page.chipStates().equals(List.of("uploading")));

      openRoom(page, side);
      assertEquals(List.of(), page.chipStates(), "the other room has its own files");
      assertFalse(browser.find("#reply-bar").isDisplayed(), "and no reply");
      browser.releaseRequests();
      browser.until("the upload to end while the room is not shown", driver -> browser.script(
        "return Object.keys(localStorage).some(key => key.includes('.drafts.') && localStorage[key].includes('notes.txt'))"));

      browser.driver.navigate().refresh();
      page.waitConnected();
      page.waitForRoom("aside-" + bea.id());
      assertEquals("", composerText(browser));
      openRoom(page, room);
      assertEquals("Yes, with the plan attached", composerText(browser));
      assertEquals("Replying to Bea — Lunch on Friday?", browser.find("#reply-bar-text").getText());
      assertEquals(List.of("done"), page.chipStates());
      assertTrue(browser.find("#attachment-tray").getText().contains("notes.txt"));

      browser.find("#composer-input").sendKeys(Keys.ENTER);
      WebElement sent = page.waitForMessage("Yes, with the plan attached");
      assertEquals("Replying to Bea Lunch on Friday?", sent.findElement(By.cssSelector(".message-quote")).getText()
        .replace('\n', ' ').trim());
      browser.until("the file under the message", driver -> sent.getText().contains("notes.txt"));
      assertEquals("", composerText(browser));
      assertFalse(browser.find("#reply-bar").isDisplayed());
      assertEquals(List.of(), page.chipStates());

      browser.driver.navigate().refresh();
      page.waitConnected();
      page.waitForMessage("Yes, with the plan attached");
      assertEquals("", composerText(browser), "the draft is gone after the reload too");
      assertFalse(browser.find("#reply-bar").isDisplayed());
      assertEquals(List.of(), page.chipStates());
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = 'Yes, with the plan attached'"));
    }
  }

  @Test
  @DisplayName("rejects showing another person's drafts: someone else signed in on the same browser sees none, and signing out forgets them")
  void rejectsAnotherPersonsDrafts() {
    TestUser cat = server.register("cat", "Cat");
    TestUser dan = server.register("dan", "Dan");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(cat, general);
      browser.find("#composer-input").sendKeys("Cat's secret draft");

      new ChatPage(browser, server).open(dan, general);
      assertEquals("Dan", browser.find("#me-name").getText());
      assertEquals("", composerText(browser), "Dan's session, on a browser that still holds Cat's draft");

      new ChatPage(browser, server).open(cat, general);
      assertEquals("Cat's secret draft", composerText(browser), "kept for Cat alone");

      browser.find("#logout").click();
      browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
      assertEquals(0L, (Long) browser.script("return Object.keys(localStorage).filter(key => key.includes(arguments[0])).length",
        "." + cat.id() + "."), "signing out leaves nothing of Cat's");
      signInWithForm(browser, dan);
      page.waitConnected();
      assertEquals("Dan", browser.find("#me-name").getText());
      assertEquals("", composerText(browser));
      assertFalse(browser.find("#reply-bar").isDisplayed());
    }
  }

  @Test
  @DisplayName("two messages written while the connection is down wait as pending, not as Not sent, and arrive once each, in order, when it is back; "
    + "one the server refuses still says Not sent, and Retry sends it once")
  void offlineSendsWaitForTheConnection() {
    TestUser eve = server.register("eve", "Eve");
    String listener = createRole("listener-" + eve.id());
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(eve, general);
      cutOff(browser, true);
      page.say("first while offline");
      page.say("second while offline");
      browser.until("two pending messages", driver -> browser.findAll(PENDING + ".is-queued").size() == 2);
      sleep(1500);
      assertTrue(browser.findAll(FAILED).isEmpty(), "nothing says Not sent");
      assertEquals(2, browser.findAll(PENDING).size());
      assertTrue(browser.find(PENDING).getText().contains("Waiting for the connection"), browser.find(PENDING).getText());
      browser.screenshot("drafts-waiting-for-the-connection");

      cutOff(browser, false);
      reconnect(browser);
      page.waitForMessage("first while offline");
      page.waitForMessage("second while offline");
      browser.until("nothing pending", driver -> browser.findAll(PENDING).isEmpty());
      assertEquals(List.of("first while offline", "second while offline"), page.texts().stream()
        .filter(text -> text.endsWith("while offline")).toList());
      for (String text : List.of("first while offline", "second while offline")) {
        assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = ?", text), text);
        assertEquals(1, page.messagesWithText(text), text);
      }
      assertTrue(Long.parseLong(server.queryOne("SELECT seq FROM messages WHERE content = 'first while offline'"))
        < Long.parseLong(server.queryOne("SELECT seq FROM messages WHERE content = 'second while offline'")), "in the order written");

      cutOff(browser, true);
      page.say("refused after all");
      browser.until("the message waiting", driver -> browser.findAll(PENDING + ".is-queued").size() == 1);
      server.setRole(eve, listener);
      cutOff(browser, false);
      reconnect(browser);
      WebElement failed = browser.until("Not sent", driver -> browser.findAll(FAILED).stream().findFirst().orElse(null));
      assertTrue(failed.getText().contains("Not sent"), failed.getText());
      assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content = 'refused after all'"));

      server.setRole(eve, "member");
      browser.find(FAILED + " button[data-retry]").click();
      page.waitForMessage("refused after all");
      browser.until("nothing pending or failed", driver -> browser.findAll(PENDING + ", " + FAILED).isEmpty());
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = 'refused after all'"));
    }
  }

  @Test
  @DisplayName("a message waiting for the connection is still waiting after a reload, and goes once the connection is back")
  void waitingMessageSurvivesReload() {
    TestUser fay = server.register("fay", "Fay");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(fay, general);
      cutOff(browser, true);
      page.say("kept across a reload");
      browser.until("the message waiting", driver -> browser.findAll(PENDING + ".is-queued").size() == 1);

      browser.driver.navigate().refresh();
      browser.until("the message waiting again", driver -> browser.findAll(PENDING).stream()
        .anyMatch(row -> row.getText().contains("kept across a reload")));
      assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content = 'kept across a reload'"));

      cutOff(browser, false);
      reconnect(browser);
      page.waitForMessage("kept across a reload");
      browser.until("nothing pending", driver -> browser.findAll(PENDING).isEmpty());
      assertEquals(1, page.messagesWithText("kept across a reload"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE content = 'kept across a reload'"));
    }
  }

  /**
   * Keeps the page from its bridge (the rest of the server still answers, so the page can be reloaded) and closes the
   * socket as a network failure would; or lets it through again.
   */
  private static void cutOff(Browser browser, boolean cut) {
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", cut ? List.of("*/eventbus*") : List.of()));
    if (cut) {
      browser.script("window.parley.connection.simulateDrop()");
      browser.until("the disconnected banner", driver -> browser.find("#connection-banner").isDisplayed());
    }
  }

  /** What a person does once the network is back: "Reconnect now" rather than waiting out the back-off. */
  private static void reconnect(Browser browser) {
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
        // The page started its own attempt between the look and the click.
      }
      return false;
    });
  }

  private static void openRoom(ChatPage page, String roomId) {
    page.browser.find("#sidebar li[data-room-id=\"" + roomId + "\"] a").click();
    page.browser.until("the room to open", driver -> roomId.equals(page.browser.script("return window.parley.store.currentRoomId")));
  }

  private static String composerText(Browser browser) {
    return browser.find("#composer-input").getDomProperty("value");
  }

  private static void act(Browser browser, WebElement message, String action) {
    WebElement button = message.findElement(By.cssSelector(".message-actions [data-action=\"" + action + "\"]"));
    int[] nudge = {0};
    browser.until("the " + action + " button", driver -> {
      new Actions(browser.driver).moveToElement(message, nudge[0]++ % 5, 0).perform();
      return button.isDisplayed();
    });
    button.click();
  }

  private static void signInWithForm(Browser browser, TestUser user) {
    browser.find("#auth-username").clear();
    browser.find("#auth-username").sendKeys(user.username());
    browser.find("#auth-password").sendKeys(TestUser.PASSWORD);
    browser.find("#auth-submit").click();
  }

  /** A role with every permission of a member but sending messages. */
  private static String createRole(String name) {
    JsonArray permissions = new JsonArray(List.of("browse_rooms", "join_rooms", "leave_rooms", "upload_files", "mention_users"));
    HttpResponse<Buffer> response = admin.post("/api/roles", new JsonObject().put("name", name).put("rank", 20).put("permissions", permissions));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return name;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
