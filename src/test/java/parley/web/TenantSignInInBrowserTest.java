package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Signing in at an organisation's own host, in a real browser")
class TenantSignInInBrowserTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx, new JsonObject().put("TENANT_BASE_DOMAIN", "localtest"));
    String acme = server.queryOne("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme Rockets') RETURNING id");
    server.queryOne("SELECT create_system_roles(?)", Long.parseLong(acme));
  }

  private static String at(String host) {
    return "http://" + host + ":" + server.port + "/";
  }

  @Test
  @DisplayName("the sign-in page names the organisation of the host, and registering there makes its first superadmin")
  void namesTheOrganisation() {
    try (Browser browser = Browser.open()) {
      browser.get(at("acme.localtest"));
      browser.until("the organisation's name", driver -> "Acme Rockets".equals(browser.find("#auth-tenant").getText()));
      browser.find("#auth-switch").click();
      browser.find("#auth-username").sendKeys("wile");
      browser.find("#auth-password").sendKeys("correct horse battery");
      browser.find("#auth-submit").click();
      new ChatPage(browser, server).waitConnected();
      assertEquals("superadmin", server.queryOne(
        "SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id JOIN tenants t ON t.id = u.tenant_id "
          + "WHERE t.slug = 'acme' AND u.username = 'wile'"));
    }
  }

  @Test
  @DisplayName("the default organisation's page names nobody, and an address naming no organisation says so")
  void defaultAndUnknown() {
    try (Browser browser = Browser.open()) {
      browser.get(at("localhost"));
      browser.until("the sign-in form", driver -> browser.find("#auth-username").isDisplayed());
      assertFalse(browser.find("#auth-tenant").isDisplayed());
      browser.get(at("nobody.localtest"));
      browser.until("the sentence for an unknown organisation", driver ->
        browser.find("#boot").getText().equals("No organisation is at this address, or that organisation no longer exists."));
    }
  }
}
