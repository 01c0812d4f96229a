package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The admin area in a real browser")
class AdminAreaInBrowserTest {

  private static final String OPERATOR_PASSWORD = "the platform operator's password";

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx, new io.vertx.core.json.JsonObject().put("PLATFORM_ADMIN_PASSWORD", OPERATOR_PASSWORD));
    root = server.register("root");
    general = root.generalRoomId();
  }

  @Test
  @DisplayName("a superadmin makes a role in the permission grid and gives it to someone, whose buttons change live")
  void roleFromTheGridReachesItsHolderLive() {
    TestUser helper = server.register("helper");
    try (Browser admin = Browser.open(); Browser helperBrowser = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      new ChatPage(helperBrowser, server).open(helper, general);
      helperBrowser.script("window.sameDocument = true");
      assertFalse(helperBrowser.find("#create-room").isDisplayed());
      assertTrue(helperBrowser.find("#browse-rooms").isDisplayed());

      openAdmin(admin, "roles");
      assertTrue(row(admin, "superadmin").findElements(By.cssSelector("input"))
        .stream().noneMatch(WebElement::isEnabled), "the superadmin row, ranked at the viewer's own rank, is locked");
      assertTrue(checkbox(row(admin, "member"), "kick_users").isEnabled());
      WebElement newRole = admin.find("tr[data-new-role]");
      newRole.findElement(By.cssSelector(".role-name")).sendKeys("Greeters");
      checkbox(newRole, "create_rooms").click();
      checkbox(newRole, "send_messages").click();
      newRole.findElement(By.xpath(".//button[text()='Create']")).click();
      admin.until("the new role's row", driver -> !admin.findAll("tr[data-role-name='Greeters']").isEmpty());
      WebElement greeters = row(admin, "Greeters");
      assertEquals(List.of("send_messages", "create_rooms"), admin.script("return [...arguments[0].querySelectorAll("
        + "'input[type=checkbox]:checked')].map(box => box.dataset.permission)", greeters));
      admin.screenshot("admin-area-roles");

      WebElement again = admin.find("tr[data-new-role]");
      again.findElement(By.cssSelector(".role-name")).sendKeys("Greeters");
      again.findElement(By.xpath(".//button[text()='Create']")).click();
      admin.until("the refusal in words", driver -> statusOf(admin).equals("A role with that name already exists."));

      WebElement rank = row(admin, "Greeters").findElement(By.cssSelector("input.role-rank"));
      rank.clear();
      rank.sendKeys("60");
      checkbox(row(admin, "Greeters"), "mention_users").click();
      row(admin, "Greeters").findElement(By.xpath(".//button[text()='Save']")).click();
      admin.until("the save confirmed", driver -> statusOf(admin).equals("Saved Greeters."));
      assertEquals("60 create_rooms,mention_users,send_messages", server.queryOne("SELECT rank || ' ' || "
        + "(SELECT string_agg(p, ',' ORDER BY p) FROM unnest(permissions) p) FROM roles WHERE name = 'Greeters'"));

      openTab(admin, "users");
      WebElement select = admin.until("the helper's role select", driver ->
        admin.findAll("select[aria-label='Role of @" + helper.username() + "']").stream().findFirst().orElse(null));
      new Select(select).selectByVisibleText("Greeters");
      admin.until("the change confirmed", driver -> statusOf(admin).contains("is now Greeters"));
      assertTrue(admin.findAll("select[aria-label='Role of @" + root.username() + "']").isEmpty(),
        "one's own role is not offered for changing: the server refuses it");

      helperBrowser.until("create-room shown and browse hidden, live", driver ->
        helperBrowser.find("#create-room").isDisplayed() && !helperBrowser.find("#browse-rooms").isDisplayed());
      assertEquals("Greeters", helperBrowser.find("#me-role").getText());
      assertEquals(Boolean.TRUE, helperBrowser.script("return window.sameDocument === true"), "the page reloaded");
      assertEquals("Greeters", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?",
        Long.parseLong(helper.id())));
      admin.screenshot("admin-area-users");
      helperBrowser.screenshot("admin-area-role-given");

      openTab(admin, "roles");
      checkbox(row(admin, "Greeters"), "create_rooms").click();
      row(admin, "Greeters").findElement(By.xpath(".//button[text()='Save']")).click();
      admin.until("the save confirmed", driver -> statusOf(admin).equals("Saved Greeters."));
      helperBrowser.until("create-room hidden again once the role itself loses it, live", driver ->
        !helperBrowser.find("#create-room").isDisplayed());
      assertEquals(Boolean.TRUE, helperBrowser.script("return window.sameDocument === true"), "the page reloaded");
    }
  }

  @Test
  @DisplayName("the invites tab makes an invite whose copied link opens the register form with the code filled in")
  void inviteLinkIsCopiedAndOpensRegistration() {
    try (Browser admin = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      admin.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.url(""),
        "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
      openAdmin(admin, "invites");
      admin.find("#invite-label").sendKeys("for Erin");
      admin.find("#invite-max-uses").sendKeys("1");
      admin.find(".invite-form button[type=submit]").click();
      WebElement invite = admin.until("the invite's row", driver -> admin.findAll(".invites-table tbody tr[data-code]")
        .stream().findFirst().orElse(null));
      String code = invite.getDomAttribute("data-code");
      assertTrue(invite.getText().contains("for Erin") && invite.getText().contains("0 of 1"), invite.getText());

      invite.findElement(By.xpath(".//button[text()='Copy link']")).click();
      admin.until("the copy reported", driver -> !statusOf(admin).isEmpty());
      String link = copiedLink(admin, invite);
      assertEquals(server.url("/?invite=" + code), link);
      admin.screenshot("admin-area-invites");

      try (Browser stranger = Browser.open()) {
        stranger.get(link);
        stranger.until("the register form", driver -> stranger.find("#auth").isDisplayed()
          && stranger.find("#auth-invite-row").isDisplayed());
        assertEquals(code, stranger.find("#auth-invite").getDomProperty("value"));
        assertEquals("Create account", stranger.find("#auth-submit").getText());
        stranger.screenshot("admin-area-invite-link-opened");
      }
    }
  }

  @Test
  @DisplayName("the data tab downloads the organisation's archive with the session's cookie, and lists the export it made")
  void downloadsTheArchive() throws Exception {
    java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("parley-downloads");
    try (Browser admin = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      admin.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
        "downloadPath", downloads.toString()));
      admin.find("#open-admin").click();
      admin.until("the admin area", driver -> admin.find("#admin-dialog").isDisplayed());
      admin.find("#admin-tab-data").click();
      admin.until("the data tab", driver -> admin.find("#admin-panel-data").isDisplayed()
        && admin.find("#admin-panel-data").getDomAttribute("aria-busy") == null);
      admin.find("#export-download").click();
      WebElement taken = admin.until("the export listed as complete", driver -> admin.findAll(".exports-table tbody tr[data-export-id]")
        .stream().filter(row -> row.getText().contains("Complete")).findFirst().orElse(null));
      assertTrue(taken.getText().contains(root.username()), taken.getText());
      admin.screenshot("admin-area-data");
      java.nio.file.Path archive = admin.until("the archive on disk", driver -> {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(downloads)) {
          return files.filter(file -> file.getFileName().toString().matches("parley-default-.*\\.jsonl")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      List<String> lines = java.nio.file.Files.readAllLines(archive);
      assertEquals("end", new io.vertx.core.json.JsonObject(lines.get(lines.size() - 1)).getString("type"));
    }
  }

  @Test
  @DisplayName("the data tab shows an export the platform took for the organisation as the platform operator's")
  void showsThePlatformsExport() {
    String operator = server.operatorToken(OPERATOR_PASSWORD);
    assertEquals(200, server.http.get("/api/platform/tenants/1/export").bearerTokenAuthentication(operator).send().await().statusCode());
    try (Browser admin = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      openAdmin(admin, "data");
      WebElement taken = admin.until("the platform's export listed", driver -> admin.findAll(".exports-table tbody tr[data-export-id]")
        .stream().filter(row -> row.getText().contains("Platform operator admin")).findFirst().orElse(null));
      assertTrue(taken.getText().contains("Complete"), taken.getText());
    }
  }

  @Test
  @DisplayName("the settings tab changes how long messages are kept and the widget's pages, and shows the platform's limits")
  void changesTheOrganisationsSettings() {
    try (Browser admin = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      admin.until("the admin button", driver -> admin.find("#open-admin").isDisplayed());
      admin.find("#open-admin").click();
      admin.find("#admin-tab-settings").click();
      admin.until("the settings tab", driver -> admin.find("#admin-panel-settings").isDisplayed()
        && admin.find("#admin-panel-settings").getDomAttribute("aria-busy") == null);
      assertTrue(admin.find(".settings-platform").getText().endsWith("no storage quota for the organisation. People sign in with passwords only."), admin.find(".settings-platform").getText());
      admin.find("#settings-retention-days").sendKeys("0");
      admin.find(".settings-form button[type=submit]").click();
      admin.until("the refusal", driver -> statusOf(admin).contains("not valid"));
      admin.find("#settings-retention-days").clear();
      admin.find("#settings-retention-days").sendKeys("90");
      admin.find("#settings-widget-origins").sendKeys("https://Shop.example.com\nhttps://portal.example.org");
      admin.find(".settings-form button[type=submit]").click();
      admin.until("the settings saved", driver -> statusOf(admin).equals("Settings saved."));
      admin.screenshot("admin-area-settings");
      assertEquals(new io.vertx.core.json.JsonObject().put("requireInvite", false).put("retentionDays", 90)
          .put("widgetOrigins", new io.vertx.core.json.JsonArray().add("https://shop.example.com").add("https://portal.example.org")),
        new io.vertx.core.json.JsonObject(server.queryOne("SELECT settings::text FROM tenants WHERE id = 1")));
    } finally {
      root.request(io.vertx.core.http.HttpMethod.PATCH, "/api/tenant/settings").sendJsonObject(new io.vertx.core.json.JsonObject()
        .putNull("requireInvite").putNull("retentionDays").putNull("widgetOrigins")).await();
    }
  }

  /** From the clipboard when the browser let the app write it; otherwise from the selected read-only fallback. */
  private static String copiedLink(Browser browser, WebElement invite) {
    if (statusOf(browser).equals("Link copied.")) {
      return (String) browser.driver.executeAsyncScript(
        "navigator.clipboard.readText().then(arguments[0], error => arguments[0]('unreadable: ' + error))");
    }
    WebElement fallback = invite.findElement(By.cssSelector(".invite-link"));
    assertTrue(fallback.isDisplayed(), statusOf(browser));
    return fallback.getDomProperty("value");
  }

  static void openAdmin(Browser browser, String tab) {
    browser.until("the admin button", driver -> browser.find("#open-admin").isDisplayed());
    browser.find("#open-admin").click();
    browser.until("the admin area", driver -> browser.find("#admin-dialog").isDisplayed());
    openTab(browser, tab);
  }

  static void openTab(Browser browser, String tab) {
    browser.find("#admin-tab-" + tab).click();
    browser.until("the " + tab + " tab", driver -> browser.find("#admin-panel-" + tab).isDisplayed()
      && browser.find("#admin-panel-" + tab).getDomAttribute("aria-busy") == null
      && !browser.find("#admin-panel-" + tab).findElements(By.cssSelector("tbody tr")).isEmpty());
  }

  private static WebElement row(Browser browser, String roleName) {
    return browser.find("tr[data-role-name='" + roleName + "']");
  }

  private static WebElement checkbox(WebElement row, String permission) {
    return row.findElement(By.cssSelector("input[data-permission='" + permission + "']"));
  }

  private static String statusOf(Browser browser) {
    return browser.find(".admin-panel:not([hidden]) .status-line").getText();
  }
}
