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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("One's account, and the admin's actions on people's accounts, in a real browser")
class AccountInBrowserTest {

  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
  private static final String NEW_PASSWORD = "a brand new passphrase";
  /** Bridge connections per person: small, so that a test can fill it with two of its own. */
  private static final int CAP = 2;

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx, new JsonObject().put("MAX_CONNECTIONS_PER_USER", CAP));
    root = server.register("root");
    general = root.generalRoomId();
  }

  @Test
  @DisplayName("Sessions lists each sign-in as a device with this one marked, signs another one out (its token is refused), and Sign out everywhere returns to the sign-in screen")
  void sessions() {
    TestUser carol = server.register("carol");
    TestUser phone = loginFrom(carol, IPHONE);
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/"));
      signInWithForm(browser, carol, TestUser.PASSWORD);
      new ChatPage(browser, server).waitConnected();
      openAccount(browser, "sessions");
      List<WebElement> rows = sessionRows(browser);
      assertEquals(3, rows.size());
      WebElement current = browser.find(".session-row.is-current");
      assertTrue(current.getText().startsWith("Chrome on Linux\nThis device"), current.getText());
      assertTrue(current.getText().contains("127.0.0.1 · signed in ") && current.getText().endsWith("active now"), current.getText());
      WebElement phoneRow = sessionRow(browser, sessionIdOf(phone));
      assertTrue(phoneRow.getText().startsWith("Safari on iOS\n127.0.0.1 · signed in "), phoneRow.getText());
      assertTrue(phoneRow.getText().contains("last active just now"), phoneRow.getText());
      assertTrue(current.findElements(By.tagName("button")).isEmpty(), "no Sign out on this device's own row");
      browser.screenshot("account-sessions");
      browser.colorScheme("dark");
      browser.screenshot("account-sessions-dark");
      browser.viewport(360, 740);
      sleep(500); // the drawer slides away
      browser.screenshot("account-sessions-phone-dark");
      browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
      browser.colorScheme("light");

      phoneRow.findElement(By.xpath(".//button[text()='Sign out']")).click();
      browser.until("the phone gone from the list", driver -> sessionRows(browser).size() == 2);
      assertEquals("Signed out Safari on iOS.", statusOf(browser));
      assertEquals(401, phone.get("/api/auth/me").statusCode(), "the ended session's token is refused");
      assertEquals(200, carol.get("/api/auth/me").statusCode(), "the other sessions go on");

      browser.find("#sign-out-everywhere").click();
      WebElement confirm = browser.until("the confirmation", driver -> browser.findAll(".ask-dialog").stream().findFirst().orElse(null));
      assertTrue(confirm.getText().contains("Every device signed in to your account, this one too, will have to sign in again."));
      confirm.findElement(By.xpath(".//button[text()='Sign out everywhere']")).click();
      waitSignInScreen(browser, "You signed out on every device.");
      assertEquals(401, carol.get("/api/auth/me").statusCode());
      assertEquals("0", server.queryOne("SELECT count(*) FROM sessions WHERE user_id = ?", Long.parseLong(carol.id())));
      browser.screenshot("account-signed-out-everywhere");
    }
  }

  @Test
  @DisplayName("Change password refuses a wrong current password and a mismatch in words, then changes it, says one other session was signed out, and that session is out")
  void changePassword() {
    TestUser dave = server.register("dave");
    TestUser here = server.login(dave);
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(here, general);
      openAccount(browser, "password");

      fillPassword(browser, "not my password", NEW_PASSWORD, NEW_PASSWORD);
      browser.until("the wrong password said", driver -> statusOf(browser).equals("Your current password is not right."));
      assertEquals("password-current", activeId(browser));
      fillPassword(browser, TestUser.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!");
      assertEquals("The new passwords do not match.", statusOf(browser));
      fillPassword(browser, TestUser.PASSWORD, "short", "short");
      assertEquals("Passwords need at least 8 characters.", statusOf(browser));
      assertEquals(200, dave.get("/api/auth/me").statusCode(), "nothing was changed yet");

      fillPassword(browser, TestUser.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
      browser.until("the change confirmed", driver ->
        statusOf(browser).equals("Your password is changed. 1 other session was signed out."));
      browser.screenshot("account-password");
      assertEquals(401, dave.get("/api/auth/me").statusCode(), "the other session is out");
      assertEquals(200, here.get("/api/auth/me").statusCode(), "this one goes on");
      server.login(dave, NEW_PASSWORD);
      assertEquals("", browser.find("#password-current").getDomProperty("value"), "the form is emptied");
    }
  }

  @Test
  @DisplayName("a page whose session is ended from another device lands on the sign-in screen saying so, without trying to reconnect")
  void endedElsewhere() {
    TestUser hank = server.register("hank");
    TestUser here = server.login(hank);
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(here, general);
      logConnectionStates(browser);
      assertEquals(200, hank.delete("/api/auth/sessions/" + sessionIdOf(here)).statusCode());
      waitSignInScreen(browser, "You were signed out.");
      assertStoppedAtOnce(browser);
      assertEquals(200, hank.get("/api/auth/me").statusCode(), "the other device goes on");
    }
  }

  @Test
  @DisplayName("an admin deactivates someone whose browser is open: it lands on the sign-in screen saying so within seconds, their sign-in is refused, and Reactivate lets them in again")
  void deactivateAndReactivate() {
    TestUser erin = server.register("erin");
    try (Browser admin = Browser.open(); Browser erins = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      new ChatPage(erins, server).open(erin, general);
      logConnectionStates(erins);
      AdminAreaInBrowserTest.openAdmin(admin, "users");
      userRow(admin, erin).findElement(By.xpath(".//button[text()='Deactivate…']")).click();
      WebElement confirm = admin.until("the confirmation", driver -> admin.findAll(".ask-dialog").stream().findFirst().orElse(null));
      assertTrue(confirm.getText().contains("They will be signed out everywhere and cannot sign in; their messages stay."),
        confirm.getText());
      admin.screenshot("account-deactivate-confirm");
      confirm.findElement(By.xpath(".//button[text()='Deactivate']")).click();
      long deactivated = System.nanoTime();

      waitSignInScreen(erins, "You were signed out.");
      long seconds = (System.nanoTime() - deactivated) / 1_000_000_000L;
      assertTrue(seconds <= 5, "the open browser took " + seconds + " s to leave");
      assertStoppedAtOnce(erins);
      erins.screenshot("account-deactivated-signed-out");

      admin.until("erin muted and tagged", driver -> userRow(admin, erin).getDomAttribute("class").contains("is-deactivated"));
      WebElement row = userRow(admin, erin);
      assertEquals("Deactivated", row.findElement(By.cssSelector(".deactivated-tag")).getText());
      assertEquals(List.of("Reactivate"), buttonsOf(row));
      assertEquals("@" + erin.username() + " is deactivated and signed out everywhere.", adminStatus(admin));
      admin.screenshot("account-admin-deactivated");
      admin.colorScheme("dark");
      admin.screenshot("account-admin-deactivated-dark");
      admin.colorScheme("light");

      signInWithForm(erins, erin, TestUser.PASSWORD);
      erins.until("the refusal in words", driver -> erins.find("#auth-error").getText()
        .equals("This account has been deactivated; ask an administrator."));

      row.findElement(By.xpath(".//button[text()='Reactivate']")).click();
      admin.until("the reactivation confirmed", driver -> adminStatus(admin).equals("@" + erin.username() + " can sign in again."));
      assertFalse(userRow(admin, erin).getDomAttribute("class") != null
        && userRow(admin, erin).getDomAttribute("class").contains("is-deactivated"));
      erins.find("#auth-submit").click();
      new ChatPage(erins, server).waitConnected();
    }
  }

  @Test
  @DisplayName("rejects offering account actions on oneself, on someone ranked above, and to someone without manage_users, who is not shown the deactivated either")
  void rejectsActionsTheServerWouldRefuse() {
    JsonObject stewards = root.post("/api/roles", new JsonObject().put("name", "Stewards").put("rank", 400)
      .put("permissions", new JsonArray().add("view_admin").add("manage_users"))).bodyAsJsonObject().getJsonObject("role");
    JsonObject viewers = root.post("/api/roles", new JsonObject().put("name", "Viewers").put("rank", 300)
      .put("permissions", new JsonArray().add("view_admin"))).bodyAsJsonObject().getJsonObject("role");
    TestUser steward = server.register("steward");
    TestUser viewer = server.register("viewer");
    TestUser member = server.register("member");
    TestUser gone = server.register("gone");
    setRole(steward, stewards);
    setRole(viewer, viewers);
    assertEquals(200, root.post("/api/users/" + gone.id() + "/deactivate", new JsonObject()).statusCode());
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(steward, general);
      AdminAreaInBrowserTest.openAdmin(browser, "users");
      assertEquals(List.of(), buttonsOf(userRow(browser, steward)), "not on oneself");
      assertEquals(List.of(), buttonsOf(userRow(browser, root)), "not on a superadmin, ranked above");
      assertEquals(List.of("Reset password…", "Deactivate…"), buttonsOf(userRow(browser, member)));
      assertEquals(List.of("Reactivate"), buttonsOf(userRow(browser, gone)));
      browser.screenshot("account-admin-steward");
    }
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(viewer, general);
      AdminAreaInBrowserTest.openAdmin(browser, "users");
      assertTrue(browser.findAll("#admin-panel-users td.row-actions").isEmpty());
      assertEquals(List.of("Username", "Display name", "Role"), browser.script(
        "return [...document.querySelectorAll('#admin-panel-users thead th')].map(th => th.textContent)"));
      assertTrue(browser.findAll("#admin-panel-users tr[data-user-id=\"" + gone.id() + "\"]").isEmpty());
    }
  }

  @Test
  @DisplayName("a reset link made by the admin, opened in a fresh browser, sets a new password and signs in; the link then works no more")
  void resetLink() {
    TestUser frank = server.register("frank");
    String link;
    try (Browser admin = Browser.open()) {
      new ChatPage(admin, server).open(root, general);
      AdminAreaInBrowserTest.openAdmin(admin, "users");
      userRow(admin, frank).findElement(By.xpath(".//button[text()='Reset password…']")).click();
      WebElement dialog = admin.until("the link's dialog", driver -> admin.findAll("#reset-link-dialog").stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
      link = admin.find("#reset-link").getDomProperty("value");
      assertTrue(link.startsWith(server.url("/?reset=")), link);
      assertTrue(dialog.getText().contains("It is valid until ") && dialog.getText().contains(" and works once"), dialog.getText());
      dialog.findElement(By.xpath(".//button[text()='Copy link']")).click();
      admin.until("the copy reported", driver -> !dialog.findElement(By.cssSelector(".status-line")).getText().isEmpty());
      admin.screenshot("account-reset-link");
      dialog.findElement(By.xpath(".//button[text()='Close']")).click();
      admin.until("the dialog gone", driver -> admin.findAll("#reset-link-dialog").isEmpty());
    }

    try (Browser fresh = Browser.open()) {
      fresh.get(link);
      fresh.until("the reset form", driver -> fresh.find("#reset-fields").isDisplayed());
      assertFalse(fresh.find("#auth-form").isDisplayed());
      assertEquals("For @" + frank.username() + ". You will be signed in with it.", fresh.find("#reset-intro").getText());
      fresh.screenshot("account-reset-page");
      fresh.colorScheme("dark");
      fresh.screenshot("account-reset-page-dark");
      fresh.colorScheme("light");
      fresh.find("#reset-password").sendKeys(NEW_PASSWORD);
      fresh.find("#reset-repeat").sendKeys(NEW_PASSWORD + "?");
      fresh.find("#reset-submit").click();
      assertEquals("The passwords do not match.", fresh.find("#reset-error").getText());
      fresh.find("#reset-repeat").clear();
      fresh.find("#reset-repeat").sendKeys(NEW_PASSWORD);
      fresh.find("#reset-submit").click();
      new ChatPage(fresh, server).waitConnected();
      assertEquals("", fresh.script("return location.search"), "the used code left the address bar");
      assertEquals(401, frank.get("/api/auth/me").statusCode(), "a reset ends the sessions there were");
      server.login(frank, NEW_PASSWORD);
    }

    try (Browser again = Browser.open()) {
      again.get(link);
      again.until("the refusal", driver -> again.find("#reset-refused").isDisplayed());
      assertEquals("This link is unknown, used or expired; ask an administrator for a new one.",
        again.find("#reset-refused").getText());
      assertFalse(again.find("#reset-fields").isDisplayed());
      assertEquals("", again.script("return location.search"), "the refused code left the address bar");
      again.screenshot("account-reset-refused");
      again.find("#reset-to-sign-in").click();
      again.until("the sign-in form", driver -> again.find("#auth-form").isDisplayed());
    }
  }

  @Test
  @DisplayName("a page past the person's cap of connections says so and retries only with backoff, and connects once another connection closes")
  void tooManyConnections() {
    TestUser gina = server.register("gina");
    try (BridgeClient first = gina.connect(); BridgeClient second = gina.connect(); Browser browser = Browser.open()) {
      browser.signedIn(server, gina, "/#/room/" + general);
      browser.until("the crowded notice", driver -> browser.find("#connection-banner").isDisplayed()
        && browser.find("#connection-text").getText()
          .startsWith("Too many Parley tabs or devices are connected; close one. Trying again in "));
      browser.screenshot("account-too-many-connections");
      browser.script("window.attempts = 0; window.parley.connection.addEventListener('state', "
        + "event => { if (event.detail.state === 'connecting') window.attempts++; })");
      sleep(5_000);
      long attempts = browser.script("return window.attempts");
      assertTrue(attempts <= 3, attempts + " attempts in 5 s");
      assertNotEquals("open", browser.script("return window.parley.connection.state"));

      second.close();
      browser.until("connected once a connection closed", driver -> {
        if (browser.find("#connection-retry").isDisplayed()) {
          browser.find("#connection-retry").click();
        }
        return "open".equals(browser.script("return window.parley.connection.state"))
          && !browser.find("#connection-banner").isDisplayed();
      });
      assertFalse(first.closing(), "the connections there were stay");
    }
  }

  private static TestUser loginFrom(TestUser user, String userAgent) {
    HttpResponse<Buffer> response = server.http.post("/api/auth/login").putHeader("User-Agent", userAgent)
      .sendJsonObject(new JsonObject().put("username", user.username()).put("password", TestUser.PASSWORD)).await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject answer = response.bodyAsJsonObject();
    return new TestUser(server, answer.getJsonObject("user"), answer.getString("token"));
  }

  /** The id of the session a token belongs to, as the sessions list names it. */
  private static String sessionIdOf(TestUser session) {
    JsonArray sessions = session.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions");
    return sessions.stream().map(JsonObject.class::cast).filter(one -> one.getBoolean("current"))
      .findFirst().orElseThrow().getString("id");
  }

  private static void setRole(TestUser user, JsonObject role) {
    HttpResponse<Buffer> response = root.request(io.vertx.core.http.HttpMethod.PATCH, "/api/users/" + user.id() + "/role")
      .sendJsonObject(new JsonObject().put("roleId", role.getString("id"))).await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  private static void openAccount(Browser browser, String tab) {
    browser.find("#open-account").click();
    browser.until("the account dialog", driver -> browser.find("#account-dialog").isDisplayed());
    browser.find("#account-tab-" + tab).click();
    browser.until("the " + tab + " tab", driver -> browser.find("#account-panel-" + tab).isDisplayed()
      && browser.find("#account-panel-" + tab).getDomAttribute("aria-busy") == null);
  }

  private static List<WebElement> sessionRows(Browser browser) {
    return browser.findAll("#account-panel-sessions .session-row");
  }

  private static WebElement sessionRow(Browser browser, String sessionId) {
    return browser.find("#account-panel-sessions .session-row[data-session-id=\"" + sessionId + "\"]");
  }

  private static void fillPassword(Browser browser, String current, String fresh, String repeat) {
    for (String[] field : new String[][] {{"#password-current", current}, {"#password-new", fresh}, {"#password-repeat", repeat}}) {
      browser.find(field[0]).clear();
      browser.find(field[0]).sendKeys(field[1]);
    }
    browser.find("#account-panel-password button[type=submit]").click();
  }

  private static String statusOf(Browser browser) {
    return browser.find(".account-panel:not([hidden]) .status-line").getText();
  }

  private static String adminStatus(Browser browser) {
    return browser.find("#admin-panel-users .status-line").getText();
  }

  private static String activeId(Browser browser) {
    return browser.script("return document.activeElement.id");
  }

  private static WebElement userRow(Browser browser, TestUser user) {
    return browser.find("#admin-panel-users tr[data-user-id=\"" + user.id() + "\"]");
  }

  private static List<String> buttonsOf(WebElement row) {
    return row.findElements(By.cssSelector("td.row-actions button")).stream().map(WebElement::getText).toList();
  }

  private static void waitSignInScreen(Browser browser, String notice) {
    browser.until("the sign-in screen saying '" + notice + "'", driver -> browser.find("#auth-form").isDisplayed()
      && browser.find("#auth-notice").getText().equals(notice));
    assertFalse(browser.find("#chat").isDisplayed());
  }

  /** Kept across the reload onto the sign-in screen: what the connection does from now on. */
  private static void logConnectionStates(Browser browser) {
    browser.script("sessionStorage.states = ''; window.parley.connection.addEventListener('state', "
      + "event => { sessionStorage.states += event.detail.state + ' '; })");
  }

  private static void assertStoppedAtOnce(Browser browser) {
    String states = browser.script("return sessionStorage.states");
    assertTrue(states.matches("(idle )+"), "it stopped instead of trying to reconnect: " + states);
  }

  private static void signInWithForm(Browser browser, TestUser user, String password) {
    browser.find("#auth-username").clear();
    browser.find("#auth-username").sendKeys(user.username());
    browser.find("#auth-password").sendKeys(password);
    browser.find("#auth-submit").click();
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
