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
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Announcements in the browser")
class AnnouncementsInBrowserTest {

  private static final String STATS = "#announcements-dialog .announcement-stats";

  private static TestServer server;
  private static TestUser admin;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    admin = server.register("admin", "The Office"); // the first account is the superadmin
    general = admin.generalRoomId();
  }

  @Test
  @DisplayName("an admin sends an announcement asking for acknowledgement to a role through the picker; a holder of the role sees "
    + "the badge and the banner at once (and after a reload), someone without it sees neither; the holder acknowledges from the "
    + "banner, and the admin's open stats show read and acknowledged 1 of 2 without a reload, the holder gone from who has not read it")
  void sendToARoleAndWatchItBeingAcknowledged() {
    String staff = createRole("staff");
    TestUser ana = server.register("ana", "Ana Staff");
    TestUser ben = server.register("ben", "Ben Staff");
    TestUser olga = server.register("olga", "Olga Outside");
    server.setRole(ana, "staff");
    server.setRole(ben, "staff");
    try (Browser admins = Browser.open(); Browser anas = Browser.open(); Browser olgas = Browser.open()) {
      ChatPage anaPage = new ChatPage(anas, server).open(ana, general);
      new ChatPage(olgas, server).open(olga, general);
      new ChatPage(admins, server).open(admin, general);

      admins.find("#open-announcements").click();
      admins.until("the New announcement button", driver -> admins.find("#new-announcement").isDisplayed());
      admins.find("#new-announcement").click();
      admins.find("#announcement-title").sendKeys("Office closed Friday");
      admins.find("#announcement-body").sendKeys("The heating is being replaced.\nWork from home.");
      admins.find("#announcement-require-ack").click();
      admins.find("#announcement-composer input[name=audience-kind][value=chosen]").click();
      admins.until("the roles in the picker", driver -> admins.find("input[name=audience-role][value=\"" + staff + "\"]")).click();
      admins.until("the audience summed up", driver -> admins.find(".audience-summary").getText().equals("Goes to 1 role (you are left out)."));
      admins.screenshot("announcement-composer");
      admins.find("#announcement-send").click();
      admins.until("the composer closed", driver -> !admins.find("#announcement-composer").isDisplayed());
      admins.until("the stats of what was sent", driver -> count(admins, "recipients").equals("2") && bar(admins, "read").equals("0/2 (0%)"));
      String sent = admins.find(STATS + " .announcement-card").getDomAttribute("data-announcement-id");
      assertEquals(List.of(ana.id(), ben.id()), notRead(admins));

      anas.until("Ana's badge, live", driver -> badge(anas) == 1);
      anas.until("Ana's banner, live", driver -> bannerTitles(anas).equals(List.of("Office closed Friday")));
      anas.driver.navigate().refresh();
      anaPage.waitConnected();
      anas.until("Ana's banner after a reload", driver -> bannerTitles(anas).equals(List.of("Office closed Friday")));
      assertEquals(1, badge(anas));

      // Events to one person come in order: once Olga has this one, she would have had the staff one before it.
      announce(olga, "Just for Olga", "Hello.", false);
      olgas.until("Olga's own announcement", driver -> heldTitles(olgas).equals(List.of("Just for Olga")));
      assertEquals(1, badge(olgas), "only hers counts");
      assertEquals(List.of(), bannerTitles(olgas), "no banner: hers asks for no acknowledgement, and the staff one is not hers");

      anas.find("#announcement-banners [data-announcement-id=\"" + sent + "\"] [data-action=acknowledge]").click();
      anas.until("Ana's banner gone", driver -> bannerTitles(anas).isEmpty() && !anas.find("#announcement-banners").isDisplayed());
      anas.until("Ana's badge gone", driver -> badge(anas) == 0);

      admins.until("read and acknowledged 1 of 2 on the admin's open stats",
        driver -> bar(admins, "read").equals("1/2 (50%)") && bar(admins, "acknowledged").equals("1/2 (50%)"));
      admins.until("Ana gone from who has not read it", driver -> notRead(admins).equals(List.of(ben.id())));
      assertEquals(List.of("2", "1", "1", "1"), List.of(count(admins, "recipients"), count(admins, "delivered"),
        count(admins, "read"), count(admins, "acknowledged")), "recipients, delivered (Ana was connected), read, acknowledged");
      assertEquals("Not read yet (1)", admins.find(STATS + " h4").getDomProperty("textContent"));
      admins.screenshot("announcement-stats");
      admins.find(STATS + " .announcement-back").click();
      admins.until("the sent list's counts", driver -> admins.find(".announcement-sent-row[data-announcement-id=\"" + sent
        + "\"] .announcement-meta").getText().endsWith("1 of 2 read, 1 acknowledged"));
    }
  }

  @Test
  @DisplayName("opening an announcement from its banner in one tab shows it as plain text and marks it read, which clears the badge "
    + "in the person's other tab while both banners stay until it is acknowledged; a reaction from one tab shows in the other")
  void readingInOneTabClearsTheOther() {
    TestUser cy = server.register("cy", "Cy Member");
    try (Browser first = Browser.open(); Browser second = Browser.open()) {
      new ChatPage(first, server).open(cy, general);
      new ChatPage(second, server).open(cy, general);
      String id = announce(cy, "Fire drill at 3", "Leave by the <b>stairs</b>.\nMeet in the car park.", true);
      for (Browser tab : List.of(first, second)) {
        tab.until("the badge in each tab", driver -> badge(tab) == 1 && bannerTitles(tab).equals(List.of("Fire drill at 3")));
      }

      first.find("#announcement-banners .announcement-banner-open").click();
      String card = "#announcements-panel-inbox .announcement-card[data-announcement-id=\"" + id + "\"]";
      first.until("the announcement shown", driver -> first.find(card).isDisplayed());
      second.until("the other tab's badge cleared", driver -> badge(second) == 0);
      first.until("this tab's badge cleared", driver -> badge(first) == 0);
      assertEquals(List.of("Fire drill at 3"), bannerTitles(second), "read is not acknowledged: the banner stays");
      assertEquals(List.of("Fire drill at 3"), bannerTitles(first));
      assertEquals("Leave by the <b>stairs</b>.\nMeet in the car park.", first.find(card + " .announcement-body").getText(),
        "plain text, its line break kept");
      assertEquals(0, first.findAll(card + " .announcement-body *").size(), "no markup from the text");
      assertEquals("From The Office", first.find(card + " .announcement-meta").getText().split(" · ")[0]);

      first.find(card + " [data-action=react]").click();
      first.until("the emoji picker", driver -> first.find("#announcements-dialog .emoji-picker .emoji-option[title=\"thumbs up\"]")).click();
      first.until("one's own reaction", driver -> chip(first, id).equals("👍 1 true"));
      second.find("#open-announcements").click();
      second.until("the reaction in the other tab", driver -> chip(second, id).equals("👍 1 true"));
      second.screenshot("announcement-inbox");
    }
  }

  @Test
  @DisplayName("a member without manage_announcements reads announcements but is offered no composer and no Sent tab")
  void noComposerWithoutThePermission() {
    TestUser di = server.register("di", "Di Member");
    announce(di, "Welcome", "Glad you are here.", false);
    try (Browser dis = Browser.open()) {
      new ChatPage(dis, server).open(di, general);
      dis.until("the badge", driver -> badge(dis) == 1);
      dis.find("#open-announcements").click();
      dis.until("the announcement", driver -> !dis.findAll("#announcements-panel-inbox .announcement-card").isEmpty());
      assertFalse(dis.find("#new-announcement").isDisplayed(), "no New announcement button");
      assertFalse(dis.find("#announcements-tab-sent").isDisplayed(), "no Sent tab");
      assertTrue(dis.find("#announcements-tab-inbox").isDisplayed());
      assertEquals(0, dis.findAll("#announcement-composer[open]").size());
    }
  }

  private static String createRole(String name) {
    JsonArray permissions = new JsonArray(List.of("send_messages", "browse_rooms", "join_rooms", "leave_rooms", "mention_users"));
    HttpResponse<Buffer> response = admin.post("/api/roles", new JsonObject().put("name", name).put("rank", 20).put("permissions", permissions));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("role").getString("id");
  }

  @Test
  @DisplayName("a push's link to an announcement opens it over the room on screen, which stays")
  void pushLinkOpensTheAnnouncement() {
    TestUser dee = server.register("dee", "Dee Member");
    String elsewhere = admin.createRoom("elsewhere-" + dee.id(), dee);
    String id = announce(dee, "Parking closed", "Use the street.", false);
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(dee, elsewhere);
      browser.script("location.hash = arguments[0]", "#/announcements/" + id);
      String card = "#announcements-panel-inbox .announcement-card[data-announcement-id=\"" + id + "\"]";
      browser.until("the announcement shown", driver -> browser.find(card).isDisplayed());
      assertEquals("#/room/" + elsewhere, browser.script("return location.hash"));
    }
  }

  private static String announce(TestUser to, String title, String body, boolean requireAck) {
    HttpResponse<Buffer> response = admin.post("/api/announcements", new JsonObject().put("title", title).put("body", body)
      .put("requireAck", requireAck).put("audience", new JsonObject().put("userIds", new JsonArray().add(to.id()))));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("announcement").getString("id");
  }

  /** The sidebar's count of unread announcements; 0 when it shows none. */
  private static int badge(Browser browser) {
    WebElement badge = browser.find("#announcements-unread");
    return badge.isDisplayed() ? Integer.parseInt(badge.getText()) : 0;
  }

  private static List<String> bannerTitles(Browser browser) {
    return browser.findAll("#announcement-banners .announcement-banner-open").stream().map(WebElement::getText).toList();
  }

  /** The titles of the announcements the page holds, shown or not. */
  private static List<String> heldTitles(Browser browser) {
    return browser.script("return [...window.parley.announcements.items.values()].map(item => item.title)");
  }

  private static String count(Browser browser, String name) {
    List<WebElement> counts = browser.findAll(STATS + " [data-count=\"" + name + "\"] dd");
    return counts.isEmpty() ? "" : counts.get(0).getText();
  }

  private static String bar(Browser browser, String name) {
    List<WebElement> bars = browser.findAll(STATS + " [data-bar=\"" + name + "\"] .announcement-bar-value");
    return bars.isEmpty() ? "" : bars.get(0).getText();
  }

  private static List<String> notRead(Browser browser) {
    return browser.findAll(STATS + " .announcement-not-read li[data-user-id]").stream()
      .map(item -> item.getDomAttribute("data-user-id")).toList();
  }

  /** The first reaction chip on an announcement's card in the inbox as "emoji count mine", or "" when it has none. */
  private static String chip(Browser browser, String id) {
    return browser.script("const chip = document.querySelector('#announcements-panel-inbox .announcement-card[data-announcement-id=\"'"
      + " + arguments[0] + '\"] .reaction-chip[data-emoji]');"
      + "return chip ? chip.dataset.emoji + ' ' + chip.querySelector('.reaction-count').textContent + ' ' + chip.getAttribute('aria-pressed') : ''", id);
  }
}
