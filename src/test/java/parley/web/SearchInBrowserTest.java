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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ChatPage.send;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Search and message links in a real browser")
class SearchInBrowserTest {

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
  @DisplayName("Ctrl+K searches messages: the match is marked, a private room's message never shows, and a click opens "
    + "the room at that message, marked, with newer history behind the jump button")
  void searchOpensTheRoomAtTheMessage() {
    TestUser reader = server.register("reader");
    TestUser writer = server.register("writer", "Wendy Writer");
    String harbour = admin.createRoom("harbour", reader, writer);
    String vault = admin.post("/api/rooms", new JsonObject().put("name", "vault").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    try (Browser browser = Browser.open(); BridgeClient writes = writer.connect(); BridgeClient admins = admin.connect()) {
      send(writes, harbour, "The zephyrine beacon is lit at dawn");
      for (int i = 0; i < 60; i++) {
        send(writes, harbour, "harbour chatter " + i);
      }
      send(admins, vault, "zephyrine codes kept in the vault");
      ChatPage page = new ChatPage(browser, server).open(reader, general);

      openSearch(browser).sendKeys("zephyr");
      WebElement searchEntry = browser.find("#search-suggestions .is-active");
      assertEquals("Search messages for “zephyr”", searchEntry.getText());
      browser.find("#search-input").sendKeys(Keys.ENTER);
      List<WebElement> results = browser.until("the results", driver -> {
        List<WebElement> shown = browser.findAll("#search-results .search-result");
        return shown.isEmpty() ? null : shown;
      });
      assertEquals(1, results.size(), "only harbour's message: reader is not in #vault");
      WebElement result = results.get(0);
      assertTrue(result.getText().contains("#harbour") && result.getText().contains("Wendy Writer"), result.getText());
      assertFalse(browser.find("#search-dialog").getText().contains("vault"));
      List<WebElement> marks = result.findElements(By.cssSelector(".search-snippet mark"));
      assertEquals(1, marks.size());
      assertTrue(marks.get(0).getText().toLowerCase().startsWith("zephyr"), marks.get(0).getText());
      assertEquals("The zephyrine beacon is lit at dawn", result.findElement(By.cssSelector(".search-snippet")).getText());
      browser.screenshot("search");

      result.findElement(By.cssSelector("button")).click();
      page.waitForRoom("harbour");
      WebElement target = page.waitForMessage("The zephyrine beacon is lit at dawn");
      browser.until("the message marked", driver -> target.getDomAttribute("class").contains("is-highlighted"));
      assertTrue(inView(browser, target), "the message is scrolled into view");
      assertFalse(browser.find("#search-dialog").isDisplayed());
      assertTrue(page.jumpButtonShown(), "the newest messages are not loaded: the jump button leads back to them");
      browser.find("#jump-latest").click();
      page.waitForMessage("harbour chatter 59");
    }
  }

  @Test
  @DisplayName("Ctrl+K also switches rooms: a room whose name matches is offered above the search, and the arrows pick it")
  void searchBoxSwitchesRooms() {
    TestUser hopper = server.register("hopper");
    admin.createRoom("lighthouse", hopper);
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(hopper, general);
      WebElement input = openSearch(browser);
      input.sendKeys("lighth");
      List<String> options = browser.findAll("#search-suggestions [role=option]").stream().map(WebElement::getText).toList();
      assertEquals(2, options.size(), options.toString());
      assertTrue(options.get(0).endsWith("lighthouse"), options.toString());
      input.sendKeys(Keys.ARROW_UP, Keys.ENTER);
      page.waitForRoom("lighthouse");
      assertFalse(browser.find("#search-dialog").isDisplayed());
    }
  }

  @Test
  @DisplayName("a snippet with markup in it shows as text, its match still marked, and nothing runs")
  void hostileSnippetStaysText() {
    TestUser viewer = server.register("viewer");
    String hostile = "<img src=x onerror=alert(1)> quokkamatch <b>bold</b>";
    try (Browser browser = Browser.open(); BridgeClient attacker = server.register("prankster").connect()) {
      send(attacker, general, hostile);
      new ChatPage(browser, server).open(viewer, general);
      openSearch(browser).sendKeys("quokkamatch", Keys.ENTER);
      WebElement snippet = browser.until("the result", driver -> browser.findAll("#search-results .search-snippet")
        .stream().findFirst().orElse(null));
      assertEquals(hostile, snippet.getText());
      assertEquals(List.of("quokkamatch"),
        snippet.findElements(By.cssSelector("mark")).stream().map(WebElement::getText).toList());
      assertEquals(0L, (Long) browser.script(
        "return document.querySelectorAll('#search-results img, #search-results b').length"));
      assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "no dialog opened");
    }
  }

  @Test
  @DisplayName("results come newest first, 20 at a time; More adds the older ones and goes once there are no more")
  void moreLoadsTheNextPage() {
    TestUser pager = server.register("pager");
    try (Browser browser = Browser.open(); BridgeClient talks = server.register("chatty").connect()) {
      for (int i = 0; i < 23; i++) {
        send(talks, general, "numbatcount " + i);
      }
      new ChatPage(browser, server).open(pager, general);
      openSearch(browser).sendKeys("numbatcount", Keys.ENTER);
      browser.until("the first page", driver -> browser.findAll("#search-results .search-result").size() == 20);
      assertEquals("numbatcount 22", snippets(browser).get(0));
      browser.find("#search-more").click();
      browser.until("the second page", driver -> browser.findAll("#search-results .search-result").size() == 23);
      assertEquals("numbatcount 0", snippets(browser).get(22));
      browser.until("More gone", driver -> !browser.find("#search-more").isDisplayed());
    }
  }

  @Test
  @DisplayName("a search the server refuses says why in the box")
  void refusedSearchSaysWhy() {
    TestUser asker = server.register("asker");
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(asker, general);
      openSearch(browser).sendKeys("has:nothing", Keys.ENTER);
      browser.until("the refusal in words", driver ->
        browser.find("#search-status").getText().startsWith("Search for words"));
      assertTrue(browser.findAll("#search-results .search-result").isEmpty());
    }
  }

  @Test
  @DisplayName("a permalink opens the room at an old message (not on the first page), and Copy link gives that address")
  void permalinkOpensAnOldMessage() {
    TestUser linker = server.register("linker");
    TestUser talker = server.register("talker");
    String archive = admin.createRoom("archive", linker, talker);
    try (Browser browser = Browser.open(); BridgeClient talks = talker.connect()) {
      String old = talks.request("chat.send", new JsonObject().put("roomId", archive).put("content", "the very old decision"))
        .getJsonObject("message").getString("id");
      for (int i = 0; i < 80; i++) {
        send(talks, archive, "later talk " + i);
      }
      ChatPage page = new ChatPage(browser, server);
      String hash = "#/room/" + archive + "/message/" + old;
      browser.signedIn(server, linker, "/" + hash);
      page.waitConnected();
      page.waitForRoom("archive");
      WebElement target = page.waitForMessage("the very old decision");
      browser.until("the message marked", driver -> target.getDomAttribute("class").contains("is-highlighted"));
      assertTrue(inView(browser, target), "the message is scrolled into view");
      assertEquals("#/room/" + archive, browser.script("return location.hash"));

      browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.url(""),
        "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
      act(browser, target, "link");
      browser.until("the copy confirmed", driver -> browser.find("#notice").getText().startsWith("Link copied"));
      String copied = (String) browser.driver.executeAsyncScript(
        "navigator.clipboard.readText().then(arguments[0], error => arguments[0]('unreadable: ' + error))");
      assertEquals(server.url("/" + hash), copied);
    }
  }

  @Test
  @DisplayName("rejects a permalink into a room the reader is not in: the default room opens, and a notice says why")
  void rejectsPermalinkIntoAnotherRoom() {
    TestUser outsider = server.register("outsider");
    String secret = admin.post("/api/rooms", new JsonObject().put("name", "secret-plans").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    try (Browser browser = Browser.open(); BridgeClient admins = admin.connect()) {
      String hidden = admins.request("chat.send",
        new JsonObject().put("roomId", secret).put("content", "nobody else reads this")).getJsonObject("message").getString("id");
      ChatPage page = new ChatPage(browser, server);
      browser.signedIn(server, outsider, "/#/room/" + secret + "/message/" + hidden);
      page.waitConnected();
      page.waitForRoom("general");
      browser.until("the notice", driver ->
        browser.find("#notice").getText().equals("That link is to a room you are not in."));
      assertEquals("#/room/" + general, browser.script("return location.hash"));
      assertEquals(0, page.messagesWithText("nobody else reads this"));
    }
  }

  @Test
  @DisplayName("at 360 px the search box fills the screen and its results fit")
  void searchOnAPhone() {
    TestUser walker = server.register("walker");
    try (Browser browser = Browser.open(); BridgeClient talks = server.register("caller").connect()) {
      send(talks, general, "the wombatcrossing sign is up by the gate, next to the long and winding road to the harbour");
      new ChatPage(browser, server).open(walker, general);
      browser.viewport(360, 740);
      browser.find("#open-search").click();
      browser.until("the search box", driver -> browser.find("#search-input").equals(driver.switchTo().activeElement()));
      browser.find("#search-input").sendKeys("wombat", Keys.ENTER);
      browser.until("the result", driver -> !browser.findAll("#search-results .search-result").isEmpty());
      Map<String, Object> box = browser.script("const r = document.getElementById('search-dialog').getBoundingClientRect();"
        + "return {width: r.width, height: r.height, scroll: document.getElementById('search-results').scrollWidth,"
        + " inner: innerWidth, tall: innerHeight}");
      assertEquals(number(box, "inner"), number(box, "width"), 1.0, box.toString());
      assertEquals(number(box, "tall"), number(box, "height"), 1.0, box.toString());
      assertTrue(number(box, "scroll") <= 360, "no sideways scrolling: " + box);
      browser.screenshot("search-phone");
    }
  }

  private static List<String> snippets(Browser browser) {
    return browser.script(
      "return [...document.querySelectorAll('#search-results .search-snippet')].map(node => node.textContent)");
  }

  private static double number(Map<String, Object> values, String key) {
    return ((Number) values.get(key)).doubleValue();
  }

  private static WebElement openSearch(Browser browser) {
    new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
    browser.until("the search box", driver -> browser.find("#search-dialog").isDisplayed());
    return browser.find("#search-input");
  }

  /** Whether the whole row is inside the message pane's visible part. */
  private static boolean inView(Browser browser, WebElement row) {
    return browser.script("const r = arguments[0].getBoundingClientRect();"
      + "const pane = document.getElementById('message-scroller').getBoundingClientRect();"
      + "return r.top >= pane.top && r.bottom <= pane.bottom;", row);
  }

  /** Hovers the message, as a mouse would, and presses one of its action buttons. */
  private static void act(Browser browser, WebElement message, String action) {
    WebElement button = message.findElement(By.cssSelector(".message-actions [data-action=\"" + action + "\"]"));
    int[] nudge = {0};
    browser.until("the " + action + " button", driver -> {
      new Actions(browser.driver).moveToElement(message, nudge[0]++ % 5, 0).perform();
      return button.isDisplayed();
    });
    button.click();
  }
}
