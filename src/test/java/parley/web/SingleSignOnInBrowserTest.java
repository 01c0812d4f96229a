package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestProvider;
import parley.testing.TestServer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Single sign-on in the browser: through the identity provider's own sign-in form and back")
class SingleSignOnInBrowserTest {

  private static TestServer server;
  private static TestProvider provider;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    provider = TestProvider.startInteractive(vertx);
    server = TestServer.start(vertx, provider.ssoSettings());
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  @DisplayName("\"Sign in with Acme ID\" leads to the provider's form; typing who you are there lands you in the chat as that person, and Sign out signs you out at the provider too, back on the sign-in page")
  void signsInAndOut() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/"));
      browser.until("the provider's button", driver -> browser.find("#auth-sso-link").isDisplayed());
      assertEquals("Sign in with " + TestProvider.PROVIDER_NAME, browser.find("#auth-sso-link").getText());
      assertTrue(browser.find("#auth-username").isDisplayed(), "the password form stays with AUTH_MODE=local");
      browser.screenshot("sso-sign-in");
      browser.find("#auth-sso-link").click();

      browser.until("the provider's sign-in form", driver -> driver.getCurrentUrl().startsWith(provider.issuer() + "/authorize"));
      browser.find("input[name=username]").sendKeys("ada");
      browser.find("textarea[name=claims]").sendKeys("{\"name\": \"Ada Lovelace\", \"preferred_username\": \"ada\"}");
      browser.find("input[type=submit]").click();

      new ChatPage(browser, server).waitConnected();
      assertEquals("Ada Lovelace", browser.find("#me-name").getText());
      assertEquals(server.url("/"), browser.driver.getCurrentUrl().replaceAll("#.*", ""));
      assertEquals("1", server.queryOne("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.external_id = 'ada'"));

      provider.requests();
      browser.find("#logout").click();
      browser.until("back on the sign-in page", driver -> driver.getCurrentUrl().startsWith(server.url("/"))
        && browser.find("#auth-sso-link").isDisplayed());
      assertEquals("0", server.queryOne("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.external_id = 'ada'"));
      assertTrue(provider.requests().stream().anyMatch(request -> request.startsWith("GET /" + TestProvider.ISSUER_ID + "/endsession?")
        && request.contains("id_token_hint=")), "the provider's session was not ended");
    }
  }

  @Test
  @DisplayName("a sign-in that failed at the provider's end comes back to the sign-in page saying why")
  void saysWhy() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/#/signin?error=sso_expired"));
      browser.until("the reason", driver -> browser.find("#auth-error").isDisplayed());
      assertEquals("The sign-in took too long. Try again.", browser.find("#auth-error").getText());
      assertEquals(server.url("/"), browser.driver.getCurrentUrl());
    }
  }

  @Test
  @DisplayName("with AUTH_MODE=external the sign-in page is the provider's button alone: no password form, no registration")
  void buttonAlone() {
    Vertx other = Vertx.vertx();
    try (Browser browser = Browser.open()) {
      TestServer external = TestServer.start(other, provider.settings("external").mergeIn(provider.ssoSettings()));
      browser.get(external.url("/"));
      browser.until("the provider's button", driver -> browser.find("#auth-sso-link").isDisplayed());
      assertEquals(List.of(false, false, false, false), List.of(browser.find("#auth-username").isDisplayed(),
        browser.find("#auth-submit").isDisplayed(), browser.find("#auth-switch").isDisplayed(), browser.find("#auth-sso-or").isDisplayed()));
      assertEquals("auth-sso-link", browser.script("return document.activeElement.id"));
      browser.screenshot("sso-only");
    } finally {
      other.close().await();
    }
  }
}
