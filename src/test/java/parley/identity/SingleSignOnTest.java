package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.service.Sha256;
import parley.testing.SsoBrowser;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Single sign-on in the web app: the authorization-code flow with a real OpenID Connect provider")
class SingleSignOnTest {

  private static TestServer server;
  private static TestProvider provider;
  private static SsoBrowser sso;
  /** {@link #sso}'s client: it does not follow redirects, and carries no cookies of its own. */
  private static WebClient browser;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    server = TestServer.start(vertx, provider.settings("both").mergeIn(provider.ssoSettings()));
    sso = new SsoBrowser(vertx, server, provider);
    browser = sso.client();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static void assertRefused(HttpResponse<Buffer> callback, String slug) {
    assertEquals(302, callback.statusCode(), callback.bodyAsString());
    assertEquals("/#/signin?error=" + slug, callback.getHeader("Location"));
    assertNull(SsoBrowser.cookie(callback, "parley_token"), "a session cookie was set");
  }

  private static String users() {
    return server.queryOne("SELECT count(*) FROM users");
  }

  private static String withParam(String url, String name, String value) {
    return url.replaceAll("([?&]" + name + "=)[^&]*", "$1" + value);
  }

  @Test
  @DisplayName("signs a person in: code flow with state, nonce and PKCE S256, their profile from the ID token, Parley's own session cookie")
  void signsIn() {
    provider.nextSignIn("grace", Map.of("name", "Grace Hopper", "preferred_username", "grace@acme.example", "email", "grace@acme.example"));
    provider.requests();
    SsoBrowser.Started started = sso.begin();
    Map<String, String> asked = started.query();
    assertEquals("code", asked.get("response_type"));
    assertEquals(TestProvider.CLIENT_ID, asked.get("client_id"));
    assertEquals(server.url("/api/auth/oidc/callback"), asked.get("redirect_uri"));
    assertEquals("openid profile email", asked.get("scope"));
    assertEquals("S256", asked.get("code_challenge_method"));
    String verifier = server.queryOne("SELECT code_verifier FROM sso_logins WHERE id = ?::uuid", started.loginCookie());
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier)), asked.get("code_challenge"));
    assertTrue(asked.get("state").length() >= 43 && asked.get("nonce").length() >= 43);

    HttpResponse<Buffer> back = sso.callback(sso.atProvider(started), started.loginCookie());
    JsonObject user = sso.me(sso.session(back));
    assertTrue(provider.requests().stream().anyMatch(request -> request.startsWith("POST /" + TestProvider.ISSUER_ID + "/token ")
      && request.contains("grant_type=authorization_code") && request.contains("code_verifier=" + verifier)), "the code went without its verifier");
    assertEquals("grace", user.getString("username"));
    assertEquals("Grace Hopper", user.getString("displayName"));
    assertTrue(back.cookies().stream().anyMatch(header -> header.startsWith("parley_sso=;") && header.contains("Max-Age=0")),
      back.cookies().toString());
    assertEquals(null, server.queryOne("SELECT id FROM sso_logins WHERE id = ?::uuid", started.loginCookie()));
    assertEquals("grace@acme.example", server.queryOne("SELECT email FROM users WHERE external_id = 'grace'"));
  }

  @Test
  @DisplayName("one subject is one user: a second sign-in, and the provider's access token, are the same person")
  void oneUserPerSubject() {
    String first = sso.me(sso.session(sso.signIn("ada", Map.of("name", "Ada Lovelace")))).getString("id");
    String again = sso.me(sso.session(sso.signIn("ada", Map.of("name", "Ada King")))).getString("id");
    assertEquals(first, again);
    HttpResponse<Buffer> byToken = server.http.get("/api/auth/me").bearerTokenAuthentication(provider.token("ada", Map.of())).send().await();
    assertEquals(first, byToken.bodyAsJsonObject().getJsonObject("user").getString("id"));
    assertEquals("1", server.queryOne("SELECT count(*) FROM users WHERE external_id = 'ada'"));
    assertEquals("Ada King", server.queryOne("SELECT display_name FROM users WHERE external_id = 'ada'"));
  }

  @Test
  @DisplayName("rejects a wrong state, and leaves that sign-in spent")
  void rejectsWrongState() {
    String users = users();
    SsoBrowser.Started started = sso.begin();
    String back = sso.atProvider(started);
    assertRefused(sso.callback(withParam(back, "state", "forged"), started.loginCookie()), "sso_state");
    assertRefused(sso.callback(back, started.loginCookie()), "sso_state");
    assertEquals(users, users(), "someone was signed in");
  }

  @Test
  @DisplayName("rejects the provider's answer in another browser: without the cookie, or with another sign-in's")
  void rejectsAnotherBrowser() {
    String users = users();
    SsoBrowser.Started victim = sso.begin();
    String back = sso.atProvider(victim);
    SsoBrowser.Started attacker = sso.begin();
    assertRefused(sso.callback(back, attacker.loginCookie()), "sso_state");
    assertRefused(browser.getAbs(back).send().await(), "sso_state");
    assertEquals(users, users(), "someone was signed in");
  }

  @Test
  @DisplayName("rejects a replayed callback: the same code and state a second time")
  void rejectsReplay() {
    provider.nextSignIn("hedy", Map.of());
    SsoBrowser.Started started = sso.begin();
    String back = sso.atProvider(started);
    sso.session(sso.callback(back, started.loginCookie()));
    assertRefused(sso.callback(back, started.loginCookie()), "sso_state");
    assertEquals("1", server.queryOne("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.external_id = 'hedy'"));
  }

  @Test
  @DisplayName("rejects a sign-in that took longer than ten minutes")
  void rejectsExpired() {
    String users = users();
    SsoBrowser.Started started = sso.begin();
    String back = sso.atProvider(started);
    server.queryOne("UPDATE sso_logins SET expires_at = now() - interval '1 second' WHERE id = ?::uuid RETURNING id", started.loginCookie());
    assertRefused(sso.callback(back, started.loginCookie()), "sso_expired");
    assertEquals(users, users(), "someone was signed in");
  }

  @Test
  @DisplayName("rejects an ID token with another sign-in's nonce")
  void rejectsWrongNonce() {
    assertRefused(sso.signIn("mallory", Map.of("nonce", "the nonce of a sign-in someone else began")), "sso_nonce");
    assertEquals(null, server.queryOne("SELECT id FROM users WHERE external_id = 'mallory'"));
  }

  @Test
  @DisplayName("rejects an ID token from another issuer, and one for another client")
  void rejectsOtherIssuerOrAudience() {
    assertRefused(sso.signIn("mallory", Map.of("iss", provider.issuerOf("other-idp"))), "sso_id_token");
    assertRefused(sso.signIn("mallory", Map.of("aud", "another-client")), "sso_id_token");
    assertEquals(null, server.queryOne("SELECT id FROM users WHERE external_id = 'mallory'"));
  }

  @Test
  @DisplayName("rejects a code exchanged without this sign-in's PKCE verifier")
  void rejectsWrongVerifier() {
    provider.nextSignIn("oscar", Map.of());
    SsoBrowser.Started started = sso.begin();
    String back = sso.atProvider(started);
    server.queryOne("UPDATE sso_logins SET code_verifier = 'a-verifier-of-forty-three-characters-or-more-0000' WHERE id = ?::uuid RETURNING id",
      started.loginCookie());
    assertRefused(sso.callback(back, started.loginCookie()), "sso_exchange");
    assertEquals(null, server.queryOne("SELECT id FROM users WHERE external_id = 'oscar'"));
  }

  @Test
  @DisplayName("rejects a deactivated person, and starts no session for them")
  void rejectsDeactivated() {
    String adminToken = sso.session(sso.signIn("alan", Map.of()));
    TestUser admin = new TestUser(server, sso.me(adminToken), adminToken);
    server.setRole(admin, "superadmin");
    String victor = sso.me(sso.session(sso.signIn("victor", Map.of()))).getString("id");
    assertEquals(200, admin.post("/api/users/" + victor + "/deactivate", new JsonObject()).statusCode());
    assertRefused(sso.signIn("victor", Map.of()), "account_deactivated");
    assertEquals("0", server.queryOne("SELECT count(*) FROM sessions WHERE user_id = ?", Long.parseLong(victor)));
  }

  @Test
  @DisplayName("sends the browser back to the sign-in page when the provider signed nobody in")
  void providerError() {
    SsoBrowser.Started started = sso.begin();
    String state = started.query().get("state");
    assertRefused(sso.callback(server.url("/api/auth/oidc/callback?error=access_denied&state=" + state), started.loginCookie()), "sso_denied");
  }

  @Test
  @DisplayName("signing out ends Parley's session and names the provider's end_session_endpoint with the ID token as hint")
  void logout() {
    String token = sso.session(sso.signIn("lin", Map.of()));
    String idToken = server.queryOne("SELECT s.id_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.external_id = 'lin'");
    assertEquals("lin", TestProvider.claimsOf(idToken).getString("sub"));
    HttpResponse<Buffer> out = browser.postAbs(server.url("/api/auth/logout")).putHeader("Cookie", "parley_token=" + token)
      .putHeader("Origin", server.url("")).sendJsonObject(new JsonObject()).await();
    assertEquals(200, out.statusCode(), out.bodyAsString());
    String logoutUrl = out.bodyAsJsonObject().getString("logoutUrl");
    assertTrue(logoutUrl.startsWith(provider.issuer() + "/endsession?"), logoutUrl);
    Map<String, String> params = SsoBrowser.query(logoutUrl);
    assertEquals(idToken, params.get("id_token_hint"));
    assertEquals(server.url("/"), params.get("post_logout_redirect_uri"));
    assertEquals(401, browser.getAbs(server.url("/api/auth/me")).putHeader("Cookie", "parley_token=" + token).send().await().statusCode());
    HttpResponse<Buffer> local = server.http.post("/api/auth/logout").sendJsonObject(new JsonObject()).await();
    assertFalse(local.bodyAsJsonObject().containsKey("logoutUrl"));
  }

  @Test
  @DisplayName("tells the sign-in page which provider to offer, and which organisation it signs in to")
  void providers() {
    JsonObject offered = server.http.get("/api/auth/providers").send().await().bodyAsJsonObject();
    assertEquals(new JsonObject().put("passwords", true).put("providers", new io.vertx.core.json.JsonArray()
      .add(new JsonObject().put("name", TestProvider.PROVIDER_NAME).put("startUrl", "/api/auth/oidc/start")))
      .put("tenant", new JsonObject().put("slug", "default").put("name", "Parley")), offered);
  }

  @Test
  @DisplayName("without OIDC_ISSUER there is no single sign-on: the start answers 404 and the page offers no provider")
  void off() {
    Vertx other = Vertx.vertx();
    try {
      TestServer plain = TestServer.start(other);
      assertError(plain.http.get("/api/auth/oidc/start").send().await(), 404, "not_found");
      assertEquals(0, plain.http.get("/api/auth/providers").send().await().bodyAsJsonObject().getJsonArray("providers").size());
    } finally {
      other.close().await();
    }
  }

  @Test
  @DisplayName("a provider that cannot be reached sends the browser back to the sign-in page saying so, and keeps nothing")
  void unreachable() {
    Vertx other = Vertx.vertx();
    try {
      TestServer cut = TestServer.start(other, provider.ssoSettings().put("OIDC_ISSUER", "http://127.0.0.1:9/nobody"));
      HttpResponse<Buffer> started = WebClient.create(other, new WebClientOptions().setFollowRedirects(false))
        .getAbs(cut.url("/api/auth/oidc/start")).send().await();
      assertEquals(302, started.statusCode(), started.bodyAsString());
      assertEquals("/#/signin?error=sso_unavailable", started.getHeader("Location"));
      assertEquals("0", cut.queryOne("SELECT count(*) FROM sso_logins"));
    } finally {
      other.close().await();
    }
  }
}
