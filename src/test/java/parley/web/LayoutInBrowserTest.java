package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The web app on a phone, with the keyboard alone, and its sound setting")
class LayoutInBrowserTest {

  private static TestServer server;
  private static TestUser admin;
  private static String general;
  private static String design;
  private static String ops;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    admin = server.register("admin");
    general = admin.generalRoomId();
    design = admin.createRoom("design");
    ops = admin.createRoom("ops");
  }

  private static TestUser memberOfAll(String name) {
    TestUser user = server.register(name);
    user.join(design);
    user.join(ops);
    return user;
  }

  @Test
  @DisplayName("a returning browser loads the app's modules from its cache without asking the server, through the import map")
  void modulesComeFromTheCache() {
    TestUser reader = memberOfAll("returning");
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(reader, general);
      browser.get("about:blank");
      new ChatPage(browser, server).open(reader, general);
      java.util.List<?> modules = browser.script("return performance.getEntriesByType('resource')"
        + ".filter(entry => new URL(entry.name).pathname.startsWith('/js/'))"
        + ".map(entry => entry.name.replace(location.origin, '') + ' ' + entry.transferSize)");
      assertTrue(modules.size() > 40, modules.toString());
      for (Object module : modules) {
        assertTrue(module.toString().matches("/js/\\S+\\?v=\\S+ 0"), "versioned and taken from the cache: " + module);
      }
    }
  }

  @Test
  @DisplayName("at 360 px the rooms hide behind a menu button that opens them over the room, and Escape or a pick closes them")
  void phoneLayout() {
    TestUser reader = memberOfAll("phone");
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      browser.viewport(360, 740);
      ChatPage page = new ChatPage(browser, server).open(reader, general);
      send(writer, general, "Fits on a phone, and long words like https://example.com/a/really/long/path/that/must/wrap wrap");
      page.waitForMessage("Fits on a phone, and long words like https://example.com/a/really/long/path/that/must/wrap wrap");

      assertFalse(browser.find("#sidebar").isDisplayed(), "the sidebar starts hidden");
      assertTrue(browser.find("#menu-button").isDisplayed());
      assertEquals(Boolean.TRUE, browser.script("return document.documentElement.scrollWidth <= 360"), "nothing sticks out sideways");
      browser.screenshot("phone-closed");

      browser.find("#menu-button").click();
      browser.until("the sidebar to slide in", driver -> (Boolean) browser.script(
        "return document.getElementById('sidebar').getBoundingClientRect().left === 0"));
      assertEquals("true", browser.find("#menu-button").getDomAttribute("aria-expanded"));
      assertEquals(Boolean.TRUE, browser.script("return document.getElementById('sidebar').contains(document.activeElement)"),
        "the focus moves into the rooms");
      browser.screenshot("phone-open");
      new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
      browser.until("Escape to close it", driver -> !browser.find("#sidebar").isDisplayed());
      assertEquals("menu-button", page.activeElementId(), "focus returns to the menu button");

      browser.find("#menu-button").click();
      // Displayed is not enough: while it slides in, its links are still off screen and cannot be clicked.
      browser.until("the sidebar to slide in again", driver -> (Boolean) browser.script(
        "return document.getElementById('sidebar').getBoundingClientRect().left === 0"));
      browser.find("#room-list li[data-room-id=\"" + ops + "\"] a").click();
      page.waitForRoom("ops");
      browser.until("picking a room to close it", driver -> !browser.find("#sidebar").isDisplayed());
    }
  }

  @Test
  @DisplayName("a conversation on a desktop and on a phone, in the light and the dark theme the system asks for")
  void conversationInBothThemes() {
    String team = admin.createRoom("release");
    TestUser ada = server.register("ada", "Ada Lovelace");
    TestUser grace = server.register("grace", "Grace Hopper");
    TestUser alan = server.register("alan", "Alan Turing");
    for (TestUser user : new TestUser[] {ada, grace, alan}) {
      user.join(team);
      user.join(design);
      user.join(ops);
    }
    try (BridgeClient graceBus = grace.connect(); BridgeClient alanBus = alan.connect()) {
      send(graceBus, team, "Wrapping up for today: the 2.4 release candidate is on staging.");
      send(alanBus, team, "Thanks! I'll run the migration checks first thing tomorrow.");
      server.queryOne("UPDATE messages SET created_at = created_at - interval '1 day' WHERE room_id = ?::bigint RETURNING 1",
        Long.parseLong(team));
      send(graceBus, team, "Morning! The deploy of 2.4 is planned for 14:00. Anyone against?");
      send(alanBus, team, "Fine by me. The migration ran cleanly on staging:\n```\n$ scripts/run\nParley is listening on http://localhost:8080\n```");
      send(alanBus, team, "Release notes are at https://example.com/releases/2.4 for a last read.");
      try (Browser browser = Browser.open()) {
        browser.viewport(1280, 800);
        ChatPage page = new ChatPage(browser, server).open(ada, team);
        page.say("**Ship it.** I'll watch the dashboards during the rollout.");
        page.waitForMessage("Ship it. I'll watch the dashboards during the rollout.");
        send(graceBus, ops, "Heads-up: the backup window moves to 02:00.");
        send(alanBus, ops, "Noted.");
        send(graceBus, design, "New icons are in the shared folder.");
        browser.until("the unread counts", driver -> page.unreadBadge(ops) == 2 && page.unreadBadge(design) == 1);
        browser.find("#composer-input").click();

        assertTrue(browser.find("#sidebar").isDisplayed());
        assertFalse(browser.find("#menu-button").isDisplayed(), "no menu button on a desktop");
        assertEquals("rgb(255, 255, 255)", browser.script("return getComputedStyle(document.body).backgroundColor"));
        browser.screenshot("chat-desktop");
        browser.colorScheme("dark");
        assertEquals("rgb(21, 25, 33)", browser.script("return getComputedStyle(document.body).backgroundColor"),
          "the dark theme follows the system");
        browser.screenshot("chat-desktop-dark");
        browser.viewport(360, 740);
        browser.until("the sidebar to slide away", driver -> (Boolean) browser.script(
          "return document.getElementById('sidebar').getBoundingClientRect().right <= 0"));
        browser.script("document.getElementById('message-scroller').scrollTop = 1e6");
        browser.screenshot("chat-phone-dark");
        browser.colorScheme("light");
        browser.screenshot("chat-phone");
      }
    }
  }

  @Test
  @DisplayName("with the keyboard alone: sign in, switch rooms with Alt+Down and Alt+Up, and send")
  void keyboardOnly() {
    TestUser typist = memberOfAll("typist");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server);
      browser.get(server.url("/"));
      browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
      Actions keys = new Actions(browser.driver);
      assertEquals("auth-username", page.activeElementId(), "the username field has the focus");
      keys.sendKeys(typist.username()).sendKeys(Keys.TAB).sendKeys(ChatPage.PASSWORD).sendKeys(Keys.ENTER).perform();
      page.waitForRoom("general");
      page.waitConnected();
      assertEquals("composer-input", page.activeElementId(), "the message box has the focus");

      keys.keyDown(Keys.ALT).sendKeys(Keys.ARROW_DOWN).keyUp(Keys.ALT).perform();
      page.waitForRoom("design");
      assertEquals("composer-input", page.activeElementId());
      keys.sendKeys("Typed without a mouse").sendKeys(Keys.ENTER).perform();
      page.waitForMessage("Typed without a mouse");
      assertEquals(design, browser.script("return window.parley.store.currentRoomId"));

      keys.keyDown(Keys.ALT).sendKeys(Keys.ARROW_UP).keyUp(Keys.ALT).perform();
      page.waitForRoom("general");
      keys.keyDown(Keys.ALT).sendKeys(Keys.ARROW_UP).keyUp(Keys.ALT).perform();
      page.waitForRoom("ops");

      keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      assertNotEquals("composer-input", page.activeElementId());
      assertNotEquals("none", browser.script("return getComputedStyle(document.activeElement).outlineStyle"),
        "the focused element shows where the focus is");
      browser.screenshot("keyboard");
    }
  }

  @Test
  @DisplayName("with the keyboard alone: open Browse rooms, close it with Escape, open it again and join a room with Enter")
  void browseWithTheKeyboard() {
    String lounge = admin.createRoom("lounge");
    TestUser newcomer = server.register("newcomer");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(newcomer, general);
      Actions keys = new Actions(browser.driver);
      for (int i = 0; i < 12 && !"browse-rooms".equals(page.activeElementId()); i++) {
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      }
      assertEquals("browse-rooms", page.activeElementId(), "Shift+Tab from the message box reaches Browse rooms");

      keys.sendKeys(Keys.ENTER).perform();
      browser.until("the dialog", driver -> browser.find("#browse-dialog").isDisplayed());
      keys.sendKeys(Keys.ESCAPE).perform();
      browser.until("Escape to close it", driver -> !browser.find("#browse-dialog").isDisplayed());
      assertEquals("browse-rooms", page.activeElementId(), "the focus goes back to the button");

      keys.sendKeys(Keys.ENTER).perform();
      String joinLounge = "#browse-list li[data-room-id=\"" + lounge + "\"] button";
      browser.until("the rooms, with the focus on the first", driver -> (Boolean) browser.script(
        "return !!document.activeElement.closest('#browse-list')"));
      for (int i = 0; i < 20 && !(Boolean) browser.script("return document.activeElement === document.querySelector(arguments[0])", joinLounge); i++) {
        keys.sendKeys(Keys.TAB).perform();
      }
      assertEquals("Join lounge", browser.find(joinLounge).getDomAttribute("aria-label"));
      browser.screenshot("browse-dialog");
      keys.sendKeys(Keys.ENTER).perform();
      page.waitForRoom("lounge");
      assertFalse(browser.find("#browse-dialog").isDisplayed());
      assertEquals(1, browser.findAll("#room-list li[data-room-id=\"" + lounge + "\"] .is-current").size());
    }
  }

  @Test
  @DisplayName("the mute button silences the sound for messages elsewhere, and stays muted after a reload")
  void muteIsRemembered() {
    TestUser listener = memberOfAll("listener");
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      ChatPage page = new ChatPage(browser, server).open(listener, general);
      send(writer, ops, "a chime for this one");
      browser.until("the unread count", driver -> page.unreadBadge(ops) == 1);
      assertEquals(1L, (Long) browser.script("return window.parley.sound.chimes"));

      browser.find("#sound-toggle").click();
      assertEquals("true", browser.find("#sound-toggle").getDomAttribute("aria-pressed"));
      browser.driver.navigate().refresh();
      page.waitConnected();
      assertEquals("true", browser.find("#sound-toggle").getDomAttribute("aria-pressed"), "still muted after a reload");

      send(writer, ops, "no chime for this one");
      browser.until("the unread count, the first one kept across the reload", driver -> page.unreadBadge(ops) == 2);
      assertEquals(0L, (Long) browser.script("return window.parley.sound.chimes"), "muted: no chime");
      browser.screenshot("muted");

      browser.find("#sound-toggle").click();
      assertEquals("false", browser.find("#sound-toggle").getDomAttribute("aria-pressed"));
      send(writer, design, "a chime again");
      browser.until("the chime", driver -> (Long) browser.script("return window.parley.sound.chimes") == 1L);
    }
  }
}
