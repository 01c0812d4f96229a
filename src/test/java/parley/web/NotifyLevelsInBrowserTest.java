package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("A room's notification level and one's presence in the browser: what chimes, what counts in the title, what the sidebar shows")
class NotifyLevelsInBrowserTest {

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
  @DisplayName("a muted room (nothing) shows a quiet dot, no count, no chime and leaves the title; a mention there shows its count, still silent")
  void mutedRoom() {
    TestUser reader = server.register("hush");
    String muted = admin.createRoom("hushed", reader);
    String loud = admin.createRoom("loud", reader);
    setLevel(reader, muted, "nothing");
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      ChatPage page = open(browser, reader);
      send(writer, muted, "quiet news");
      browser.until("the quiet dot", driver -> !quietDots(browser, muted).isEmpty());
      assertEquals(0, page.unreadBadge(muted), "no count");
      assertEquals(0L, chimes(browser), "no chime");
      assertEquals("Parley", browser.driver.getTitle(), "not in the title");
      browser.screenshot("muted-dot");

      send(writer, muted, "@" + reader.username() + " this one is for you");
      browser.until("the mention count", driver -> page.mentionBadge(muted) == 1);
      assertEquals(0, page.unreadBadge(muted));
      assertEquals(0L, chimes(browser), "muted: a mention does not chime either");
      assertEquals("Parley", browser.driver.getTitle());

      // The same page chimes and counts a room that notifies of everything, so the checks above could fail.
      send(writer, loud, "loud news");
      browser.until("the count of the loud room", driver -> page.unreadBadge(loud) == 1);
      assertEquals(1L, chimes(browser));
      assertEquals("(1) Parley", browser.driver.getTitle());
    }
  }

  @Test
  @DisplayName("a room at mentions shows a quiet dot for a message and neither chimes nor counts it; a mention chimes and counts")
  void mentionsOnly() {
    TestUser reader = server.register("picky");
    String side = admin.createRoom("picky-side", reader);
    setLevel(reader, side, "mentions");
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      ChatPage page = open(browser, reader);
      send(writer, side, "chatter");
      browser.until("the quiet dot", driver -> !quietDots(browser, side).isEmpty());
      assertEquals(0L, chimes(browser));
      assertEquals("Parley", browser.driver.getTitle());

      send(writer, side, "@" + reader.username() + " over here");
      browser.until("the mention count", driver -> page.mentionBadge(side) == 1);
      assertEquals(1L, chimes(browser));
      assertEquals("(1) Parley", browser.driver.getTitle());
      assertEquals(0, page.unreadBadge(side));
    }
  }

  @Test
  @DisplayName("do-not-disturb and vacation silence the chime of a room that notifies of everything; back online it chimes again")
  void doNotDisturb() {
    TestUser reader = server.register("focus");
    String side = admin.createRoom("focus-side", reader);
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      ChatPage page = open(browser, reader);
      for (String state : new String[]{"dnd", "vacation"}) {
        setPresence(browser, state);
        send(writer, side, "while " + state);
        browser.until("the count of " + state, driver -> page.unreadBadge(side) == (state.equals("dnd") ? 1 : 2));
        assertEquals(0L, chimes(browser), state + ": no chime");
      }
      setPresence(browser, "online");
      send(writer, side, "back");
      browser.until("the count", driver -> page.unreadBadge(side) == 3);
      assertEquals(1L, chimes(browser), "online again: the chime");
    }
  }

  @Test
  @DisplayName("the level chosen in the room header reaches the server, and the sidebar follows it at once")
  void chosenInTheHeader() {
    TestUser reader = server.register("chooser");
    String side = admin.createRoom("chooser-side", reader);
    try (Browser browser = Browser.open(); BridgeClient writer = admin.connect()) {
      ChatPage page = open(browser, reader);
      send(writer, side, "one");
      browser.until("the count", driver -> page.unreadBadge(side) == 1);
      browser.click("#room-list li[data-room-id=\"" + side + "\"] a");
      page.waitForMessage("one");
      new Select(browser.find("#room-level")).selectByValue("nothing");
      browser.until("nothing on the server", driver -> "nothing".equals(roomLevels(reader).getString(side)));
      browser.click("#room-list li[data-room-id=\"" + general + "\"] a");
      browser.until("general open", driver -> "".equals(browser.find("#room-level").getDomProperty("value")));
      send(writer, side, "two");
      browser.until("the quiet dot", driver -> !quietDots(browser, side).isEmpty());
      assertEquals(0, page.unreadBadge(side));

      browser.click("#room-list li[data-room-id=\"" + side + "\"] a");
      browser.until("the choice shown again", driver -> "nothing".equals(browser.find("#room-level").getDomProperty("value")));
      new Select(browser.find("#room-level")).selectByValue("");
      browser.until("the room back to the usual level", driver -> !roomLevels(reader).containsKey(side));
    }
  }

  private static ChatPage open(Browser browser, TestUser reader) {
    ChatPage page = new ChatPage(browser, server).open(reader, general);
    // The levels are known once the room header offers the choice; news before that would count as everything.
    browser.until("the settings loaded", driver -> browser.find("#room-level").isDisplayed());
    return page;
  }

  private static void setLevel(TestUser user, String roomId, String level) {
    assertEquals(200, user.post("/api/push/rooms/" + roomId, new JsonObject().put("level", level)).statusCode());
  }

  private static JsonObject roomLevels(TestUser user) {
    return user.get("/api/push/settings").bodyAsJsonObject().getJsonObject("roomLevels");
  }

  private static void setPresence(Browser browser, String state) {
    browser.script("return window.parley.presence.set({state: arguments[0]}).then(() => true)", state);
    // Connected, "online" may be shown as idle: what matters is that the chosen state is gone.
    browser.until("the presence " + state + " heard", driver -> {
      String shown = browser.script("return window.parley.presence.of(window.parley.store.me.id)?.state");
      return state.equals(shown) || state.equals("online") && "idle".equals(shown);
    });
  }

  private static java.util.List<org.openqa.selenium.WebElement> quietDots(Browser browser, String roomId) {
    return browser.findAll("#room-list li[data-room-id=\"" + roomId + "\"] .quiet-dot");
  }

  private static long chimes(Browser browser) {
    return (Long) browser.script("return window.parley.sound.chimes");
  }
}
