package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Presence in the browser")
class PresenceInBrowserTest {

  private static TestServer server;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    general = server.register("admin").generalRoomId();
  }

  /** The state a presence mark shows ("online", "dnd", …, "unknown"), or null when there is no such mark. */
  private static String stateOf(Browser browser, String mark) {
    return browser.script("const mark = document.querySelector(arguments[0]);"
      + "return mark ? [...mark.classList].find(name => name.startsWith('is-')).slice(3) : null", mark);
  }

  private static void waitForState(Browser browser, String where, String mark, String state) {
    browser.until(where + " showing " + state, driver -> state.equals(stateOf(browser, mark)));
  }

  private static String title(Browser browser, String mark) {
    return browser.find(mark).getDomAttribute("title");
  }

  /** Chooses a status in Alice's status dialog, opened already, and saves it. */
  private static void saveStatus(Browser browser, String state, String text, String emojiName) {
    browser.until("the status dialog", driver -> browser.find("#status-dialog").isDisplayed());
    browser.find("input[name=status-state][value=" + state + "]").click();
    WebElement field = browser.find("#status-text");
    field.clear();
    field.sendKeys(text);
    browser.find(".status-emoji-option[title=\"" + emojiName + "\"]").click();
    browser.screenshot("presence-status-" + state);
    browser.find("#status-submit").click();
    browser.until("the status dialog closed", driver -> !browser.find("#status-dialog").isDisplayed());
  }

  @Test
  @DisplayName("Bob sees Alice come online, choose do not disturb with a status text, go on vacation, go idle without input and come back, and go offline when she closes the app")
  void bobFollowsAlice() {
    TestUser alice = server.register("alice", "Alice A.");
    TestUser bob = server.register("bob", "Bob B.");
    String dm = alice.post("/api/dms", new JsonObject().put("userId", bob.id())).bodyAsJsonObject()
      .getJsonObject("room").getString("id");
    String inMembers = "#member-list li[data-user-id=\"" + alice.id() + "\"] .presence-mark";
    String inSidebar = "#dm-list li[data-room-id=\"" + dm + "\"] .presence-mark";
    String inHeader = "#room-presence .presence-mark";
    try (Browser bobs = Browser.open()) {
      new ChatPage(bobs, server).open(bob, general);
      bobs.find("#toggle-members").click();
      waitForState(bobs, "Alice in the members", inMembers, "offline");
      waitForState(bobs, "the DM with Alice", inSidebar, "offline");
      assertEquals("Offline", title(bobs, inMembers));

      try (Browser alices = Browser.open()) {
        ChatPage alicePage = new ChatPage(alices, server).open(alice, general);
        waitForState(bobs, "Alice in the members", inMembers, "online");
        waitForState(bobs, "the DM with Alice", inSidebar, "online");
        assertEquals("Online", title(bobs, inSidebar));

        alices.find("#my-status").click();
        saveStatus(alices, "dnd", "Focus time", "On a break");
        alices.until("her own status in the footer", driver -> alices.find("#my-status").getText().equals("☕ Focus time"));
        waitForState(bobs, "Alice in the members", inMembers, "dnd");
        assertEquals("Do not disturb: ☕ Focus time", title(bobs, inMembers));
        assertEquals("☕ Focus time", bobs.find("#member-list li[data-user-id=\"" + alice.id() + "\"] .member-status-text").getText());
        waitForState(bobs, "the DM with Alice", inSidebar, "dnd");
        assertEquals("Do not disturb: ☕ Focus time", title(bobs, inSidebar));
        bobs.find("#dm-list li[data-room-id=\"" + dm + "\"] a").click();
        waitForState(bobs, "the DM's header", inHeader, "dnd");
        assertEquals("Do not disturb: ☕ Focus time", title(bobs, inHeader));
        assertEquals("Do not disturb: ☕ Focus time", bobs.find("#room-description").getText());
        bobs.screenshot("presence-dnd");

        alicePage.say("Off for two weeks");
        alicePage.waitForMessage("Off for two weeks").findElement(By.cssSelector("button[data-user-menu]")).click();
        alices.until("Set your status in her menu", driver -> alices.findAll(".user-menu [role=menuitem]").stream()
          .filter(item -> item.getText().equals("Set your status…")).findFirst().orElse(null)).click();
        saveStatus(alices, "vacation", "Back on the 20th", "Away");
        waitForState(bobs, "the DM's header", inHeader, "vacation");
        assertEquals("Vacation", bobs.find(inHeader).getText());
        assertEquals("On vacation: 🌴 Back on the 20th", title(bobs, inHeader));
        assertEquals("Vacation", bobs.find(inSidebar).getText());
        bobs.screenshot("presence-vacation");

        // Idle after three seconds without input, as localStorage asks of the page when it starts.
        alices.find("#my-status").click();
        alices.until("the status dialog", driver -> alices.find("#status-dialog").isDisplayed());
        alices.find("#status-clear").click();
        alices.find("#status-submit").click();
        waitForState(bobs, "the DM's header", inHeader, "online");
        alices.script("localStorage.setItem('parley.idleAfterSeconds', '3')");
        alices.driver.navigate().refresh();
        alicePage.waitConnected();
        waitForState(bobs, "the DM's header", inHeader, "idle");
        assertEquals("Idle", title(bobs, inHeader));
        alicePage.say("I am back");
        waitForState(bobs, "the DM's header", inHeader, "online");
        bobs.find("#room-list li[data-room-id=\"" + general + "\"] a").click();
        waitForState(bobs, "Alice in the members", inMembers, "online");
      }
      waitForState(bobs, "Alice in the members, once her browser closed", inMembers, "offline");
      waitForState(bobs, "the DM with Alice", inSidebar, "offline");
    }
  }

  @Test
  @DisplayName("a superadmin marks someone as on vacation from their message, and ends it; a member is not offered it")
  void vacationByAnAdmin() {
    TestUser boss = server.register("boss", "The Boss");
    server.setRole(boss, "superadmin");
    TestUser carol = server.register("carol", "Carol C.");
    TestUser member = server.register("member", "Just Member");
    try (var carols = carol.connect()) {
      ChatPage.send(carols, general, "Leaving tomorrow for a while");
    }
    String inMembers = "#member-list li[data-user-id=\"" + carol.id() + "\"] .presence-mark";
    try (Browser bosses = Browser.open(); Browser members = Browser.open()) {
      ChatPage memberPage = new ChatPage(members, server).open(member, general);
      memberPage.waitForMessage("Leaving tomorrow for a while").findElement(By.cssSelector("button[data-user-menu]")).click();
      members.until("the member's menu", driver -> !members.findAll(".user-menu [role=menuitem]").isEmpty());
      assertTrue(members.findAll(".user-menu [role=menuitem]").stream().noneMatch(item -> item.getText().contains("vacation")));

      ChatPage bossPage = new ChatPage(bosses, server).open(boss, general);
      bosses.find("#toggle-members").click();
      waitForState(bosses, "Carol in the members", inMembers, "offline");
      bossPage.waitForMessage("Leaving tomorrow for a while").findElement(By.cssSelector("button[data-user-menu]")).click();
      bosses.until("Set vacation in the menu", driver -> bosses.findAll(".user-menu [role=menuitem]").stream()
        .filter(item -> item.getText().equals("Set vacation…")).findFirst().orElse(null)).click();
      bosses.until("the note field", driver -> bosses.findAll("dialog[open] input").stream().findFirst().orElse(null))
        .sendKeys("Back on 3 December\n");
      waitForState(bosses, "Carol in the members", inMembers, "vacation");
      assertEquals("On vacation: Back on 3 December", title(bosses, inMembers));

      bossPage.waitForMessage("Leaving tomorrow for a while").findElement(By.cssSelector("button[data-user-menu]")).click();
      bosses.until("End vacation in the menu", driver -> bosses.findAll(".user-menu [role=menuitem]").stream()
        .filter(item -> item.getText().equals("End vacation")).findFirst().orElse(null)).click();
      waitForState(bosses, "Carol in the members", inMembers, "offline");
    }
  }

  @Test
  @DisplayName("someone who comes on screen after the page loaded shows their presence, and keeps it current")
  void shownLater() {
    TestUser dora = server.register("dora", "Dora D.");
    try (Browser doras = Browser.open()) {
      new ChatPage(doras, server).open(dora, general);
      doras.find("#toggle-members").click();
      waitForState(doras, "Dora herself in the members", "#member-list li[data-user-id=\"" + dora.id() + "\"] .presence-mark", "online");
      TestUser erin = server.register("erin", "Erin E.");
      String inMembers = "#member-list li[data-user-id=\"" + erin.id() + "\"] .presence-mark";
      waitForState(doras, "Erin, new in the members", inMembers, "offline");
      try (var erins = erin.connect()) {
        waitForState(doras, "Erin in the members", inMembers, "online");
        erins.request("presence.set", new JsonObject().put("state", "dnd").put("text", "Heads down"));
        waitForState(doras, "Erin in the members", inMembers, "dnd");
        assertEquals("Do not disturb: Heads down", title(doras, inMembers));
      }
    }
  }
}
