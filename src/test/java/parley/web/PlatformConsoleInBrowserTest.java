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
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The platform console (/platform) in a real browser: an operator's organisations, and their people's presence, live")
class PlatformConsoleInBrowserTest {

  private static final String PASSWORD = "the operator's first password";
  private static final String WORDS = "words for the organisation's eyes only";

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD));
    alice = server.register("alice", "Alice Archer");
    bob = server.register("bob", "Bob Baker");
    alice.createRoom("launch", bob);
    try (BridgeClient alices = alice.connect()) {
      alices.request("chat.send", new JsonObject().put("roomId", alice.generalRoomId()).put("content", WORDS));
    }
    server.strangerElsewhere("northwind");
  }

  @Test
  @DisplayName("an operator signs in, sees the organisations, opens one, and sees a person come online and go offline without a reload; no message text anywhere")
  void watchesPresence() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/platform"));
      browser.until("the sign-in form", driver -> browser.find("#sign-in").isDisplayed());
      browser.find("#sign-in-username").sendKeys("admin");
      browser.find("#sign-in-password").sendKeys("not the password");
      browser.find("#sign-in-submit").click();
      browser.until("the refusal in words", driver -> "Wrong username or password.".equals(browser.find("#sign-in-error").getText()));
      browser.find("#sign-in-password").clear();
      browser.find("#sign-in-password").sendKeys(PASSWORD);
      browser.find("#sign-in-submit").click();

      browser.until("both organisations listed", driver -> browser.findAll("#tenant-rows tr[data-tenant-id]").size() >= 2);
      browser.until("the bridge connected", driver -> "Live".equals(browser.find("#live-state").getText()));
      WebElement parley = tenantRow(browser, "1");
      assertTrue(parley.getText().startsWith("Parley default Active 2"), parley.getText());
      assertTrue(tenantRow(browser, server.queryOne("SELECT id FROM tenants WHERE slug = 'northwind'")).getText()
        .startsWith("Elsewhere northwind Active 1"));

      try (BridgeClient bobs = bob.connect()) {
        bobs.ping();
        browser.until("the online count moving without a reload", driver -> "1".equals(onlineNow(browser, "1")));
        browser.screenshot("platform-tenants");
      }
      browser.until("the online count back to none", driver -> "0".equals(onlineNow(browser, "1")));

      tenantRow(browser, "1").findElement(By.cssSelector(".tenant-open")).click();
      browser.until("the people listed", driver -> browser.findAll("#people-rows tr[data-user-id]").size() == 2);
      assertEquals("Offline", presenceOf(browser, bob));
      browser.until("the rooms listed", driver -> browser.find("#room-rows").getText().contains("#launch"));
      assertTrue(browser.find("#room-rows").getText().contains("#launch Channel 2 0"), browser.find("#room-rows").getText());

      try (BridgeClient bobs = bob.connect()) {
        bobs.ping();
        browser.until("Bob online without a reload", driver -> "Online".equals(presenceOf(browser, bob)));
        assertEquals("(1 online)", browser.find("#people-online").getText());
        browser.screenshot("platform-tenant-people");
      }
      browser.until("Bob offline without a reload", driver -> "Offline".equals(presenceOf(browser, bob)));
      assertEquals("(0 online)", browser.find("#people-online").getText());
      assertFalse(browser.driver.getPageSource().contains(WORDS), "the console showed what someone wrote");

      browser.find("#sign-out").click();
      browser.until("the sign-in form again", driver -> browser.find("#sign-in").isDisplayed());
      assertEquals(401, server.http.get("/api/platform/tenants").send().await().statusCode());
    }
  }

  @Test
  @DisplayName("an operator suspends an organisation and resumes it, schedules its deletion after confirming, and is told in words why the default one stays")
  void actsOnTenants() {
    String acme = server.strangerElsewhere("acme").tenantId();
    try (Browser browser = Browser.open()) {
      signIn(browser);
      browser.until("acme listed", driver -> !browser.findAll("#tenant-rows tr[data-tenant-id='" + acme + "']").isEmpty());
      tenantRow(browser, acme).findElement(By.cssSelector(".tenant-open")).click();
      browser.until("acme open", driver -> browser.find("#tenant-facts").getText().equals("acme · Active"));

      button(browser, "Suspend").click();
      browser.until("asked first", driver -> browser.find("#confirm-dialog").isDisplayed());
      browser.find("#confirm-submit").click();
      browser.until("suspended", driver -> browser.find("#tenant-facts").getText().equals("acme · Suspended"));
      assertTrue(server.queryOne("SELECT suspended_at FROM tenants WHERE id = ?", Long.parseLong(acme)) != null);
      button(browser, "Resume").click();
      browser.until("active again", driver -> browser.find("#tenant-facts").getText().equals("acme · Active"));

      button(browser, "Delete…").click();
      browser.until("asked first", driver -> browser.find("#confirm-dialog").isDisplayed());
      browser.find("#confirm-cancel").click();
      assertEquals(null, server.queryOne("SELECT delete_after FROM tenants WHERE id = ?", Long.parseLong(acme)));
      button(browser, "Delete…").click();
      browser.find("#confirm-submit").click();
      browser.until("deletion scheduled", driver -> browser.find("#tenant-facts").getText().startsWith("acme · To be deleted "));
      assertTrue(server.queryOne("SELECT delete_after FROM tenants WHERE id = ?", Long.parseLong(acme)) != null);
      browser.find("#back-to-tenants").click();
      browser.until("the table says so too", driver -> tenantRow(browser, acme).getText().contains("To be deleted"));

      tenantRow(browser, "1").findElement(By.cssSelector(".tenant-open")).click();
      browser.until("the default organisation open", driver -> browser.find("#tenant-facts").getText().startsWith("default"));
      button(browser, "Delete…").click();
      browser.find("#confirm-submit").click();
      browser.until("the refusal in words", driver -> browser.find("#confirm-error").getText()
        .equals("The default organisation, where a single-organisation install lives, cannot be deleted."));
    }
  }

  @Test
  @DisplayName("an operator sees an organisation's settings and edits them; a bad one is refused in words and changes nothing")
  void editsSettings() {
    String globex = server.strangerElsewhere("globex").tenantId();
    try (Browser browser = Browser.open()) {
      signIn(browser);
      browser.until("globex listed", driver -> !browser.findAll("#tenant-rows tr[data-tenant-id='" + globex + "']").isEmpty());
      tenantRow(browser, globex).findElement(By.cssSelector(".tenant-open")).click();
      browser.until("globex open", driver -> browser.find("#tenant-settings").getText().equals("Settings: the server's own"));

      button(browser, "Edit").click();
      browser.until("the dialog", driver -> browser.find("#tenant-dialog").isDisplayed());
      browser.find("#setting-retention").sendKeys("0");
      browser.find("#tenant-submit").click();
      browser.until("the refusal in words", driver -> browser.find("#tenant-error").getText().startsWith("One of the settings is not valid"));
      assertEquals("{}", server.queryOne("SELECT settings::text FROM tenants WHERE id = ?", Long.parseLong(globex)));

      browser.find("#setting-retention").clear();
      new org.openqa.selenium.support.ui.Select(browser.find("#setting-require-invite")).selectByValue("true");
      browser.find("#setting-max-upload").sendKeys("2");
      browser.find("#setting-quota").sendKeys("100");
      browser.find("#setting-widget-origins").sendKeys("https://shop.globex.example");
      browser.find("#tenant-submit").click();
      browser.until("the settings shown", driver -> browser.find("#tenant-settings").getText().equals(
        "Settings: invite required · files up to 2.0 MB · storage quota 100 MB · widget on https://shop.globex.example"));
      assertEquals(new JsonObject().put("requireInvite", true).put("maxUploadBytes", 2 * 1024 * 1024)
          .put("storageQuotaBytes", 100 * 1024 * 1024).put("widgetOrigins", new io.vertx.core.json.JsonArray().add("https://shop.globex.example")),
        new JsonObject(server.queryOne("SELECT settings::text FROM tenants WHERE id = ?", Long.parseLong(globex))));
      browser.screenshot("platform-tenant-settings");
    }
  }

  @Test
  @DisplayName("an operator gives an organisation its own sign-in; the secret goes to the server and never comes back, and "
    + "stays when the rest is changed with its field left empty; a combination that cannot work is refused in words")
  void editsSignIn() {
    String initech = server.strangerElsewhere("initech").tenantId();
    String clientSecret = "the client secret of initech's chat";
    String operator = server.operatorToken(PASSWORD);
    try (Browser browser = Browser.open()) {
      signIn(browser);
      browser.until("initech listed", driver -> !browser.findAll("#tenant-rows tr[data-tenant-id='" + initech + "']").isEmpty());
      tenantRow(browser, initech).findElement(By.cssSelector(".tenant-open")).click();
      browser.until("initech open", driver -> browser.find("#tenant-settings").getText().equals("Settings: the server's own"));

      openDialog(browser);
      assertEquals("", browser.find("#identity-mode").getDomProperty("value"), "the server's default");
      new org.openqa.selenium.support.ui.Select(browser.find("#identity-mode")).selectByValue("external");
      browser.find("#identity-issuer").sendKeys("https://id.initech.example");
      browser.find("#identity-audience").sendKeys("parley");
      browser.find("#identity-jwks-url").sendKeys("http://127.0.0.1:9/jwks");
      browser.find("#identity-client-id").sendKeys("parley-web");
      browser.find("#identity-client-secret").sendKeys(clientSecret);
      browser.find("#identity-provider-name").sendKeys("Initech ID");
      browser.find("#tenant-submit").click();
      browser.until("the sign-in shown", driver -> browser.find("#tenant-settings").getText()
        .equals("Settings: sign-in: Initech ID only (external)"));
      JsonObject shown = new JsonObject().put("mode", "external").put("issuer", "https://id.initech.example")
        .put("audience", "parley").put("jwksUrl", "http://127.0.0.1:9/jwks").put("oidcClientId", "parley-web")
        .put("providerName", "Initech ID").put("hs256SecretSet", false).put("oidcClientSecretSet", true);
      assertEquals(shown, listedIdentity(operator, initech));
      assertEquals(clientSecret, storedClientSecret(initech));

      openDialog(browser);
      assertEquals("https://id.initech.example", browser.find("#identity-issuer").getDomProperty("value"));
      assertEquals("", browser.find("#identity-client-secret").getDomProperty("value"));
      assertEquals("set — leave empty to keep", browser.find("#identity-client-secret").getDomAttribute("placeholder"));
      assertEquals("", browser.find("#identity-hs256-secret").getDomAttribute("placeholder"));
      browser.find("#identity-provider-name").clear();
      browser.find("#identity-provider-name").sendKeys("Initech Login");
      browser.find("#tenant-submit").click();
      browser.until("the new button name shown", driver -> browser.find("#tenant-settings").getText()
        .equals("Settings: sign-in: Initech Login only (external)"));
      assertEquals(shown.copy().put("providerName", "Initech Login"), listedIdentity(operator, initech));
      assertEquals(clientSecret, storedClientSecret(initech), "the secret left empty is kept");

      openDialog(browser);
      browser.find("#identity-audience").clear();
      browser.find("#tenant-submit").click();
      browser.until("the refusal in words", driver -> browser.find("#tenant-error").getText().startsWith("That sign-in cannot work"));
      assertEquals("parley", listedIdentity(operator, initech).getString("audience"), "nothing changed");
      browser.screenshot("platform-tenant-sign-in");

      new org.openqa.selenium.support.ui.Select(browser.find("#identity-mode")).selectByValue("");
      browser.find("#tenant-submit").click();
      browser.until("the server's sign-in again", driver -> browser.find("#tenant-settings").getText().equals("Settings: the server's own"));
      assertEquals(null, listedIdentity(operator, initech));
      assertEquals("{}", server.queryOne("SELECT settings::text FROM tenants WHERE id = ?", Long.parseLong(initech)));
    }
  }

  private static void openDialog(Browser browser) {
    button(browser, "Edit").click();
    browser.until("the dialog", driver -> browser.find("#tenant-dialog").isDisplayed());
  }

  /** As the platform's API shows it to operators; its whole text never holds a secret. */
  private static JsonObject listedIdentity(String operator, String tenantId) {
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> tenants = server.http.get("/api/platform/tenants")
      .bearerTokenAuthentication(operator).send().await();
    assertEquals(200, tenants.statusCode(), tenants.bodyAsString());
    assertFalse(tenants.bodyAsString().contains("secret of initech"), "a secret came back");
    return tenants.bodyAsJsonObject().getJsonArray("tenants").stream().map(JsonObject.class::cast)
      .filter(tenant -> tenant.getString("id").equals(tenantId)).findFirst().orElseThrow()
      .getJsonObject("settings").getJsonObject("identity");
  }

  private static String storedClientSecret(String tenantId) {
    return server.queryOne("SELECT settings #>> '{identity,oidcClientSecret}' FROM tenants WHERE id = ?", Long.parseLong(tenantId));
  }

  private static void signIn(Browser browser) {
    browser.get(server.url("/platform"));
    browser.until("the sign-in form", driver -> browser.find("#sign-in").isDisplayed());
    browser.find("#sign-in-username").sendKeys("admin");
    browser.find("#sign-in-password").sendKeys(PASSWORD);
    browser.find("#sign-in-submit").click();
    browser.until("the organisations", driver -> !browser.findAll("#tenant-rows tr[data-tenant-id]").isEmpty());
  }

  private static WebElement button(Browser browser, String text) {
    return browser.findAll("#tenant-actions button").stream().filter(button -> button.getText().equals(text)).findFirst()
      .orElseThrow(() -> new AssertionError("no " + text + " button"));
  }

  private static WebElement tenantRow(Browser browser, String tenantId) {
    return browser.find("#tenant-rows tr[data-tenant-id='" + tenantId + "']");
  }

  private static String onlineNow(Browser browser, String tenantId) {
    return tenantRow(browser, tenantId).findElement(By.cssSelector(".tenant-online")).getText();
  }

  private static String presenceOf(Browser browser, TestUser user) {
    return browser.find("#people-rows tr[data-user-id='" + user.id() + "'] .person-presence").getText().trim();
  }
}
