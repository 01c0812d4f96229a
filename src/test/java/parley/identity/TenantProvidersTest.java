package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
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

import java.net.URI;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Each tenant trusts the identity provider the platform gave it, and the install's where it gave none")
class TenantProvidersTest {

  private static final String BASE = "localtest";
  private static final String A_HOST = "localhost";
  private static final String BETA_HOST = "beta." + BASE;
  private static final String GAMMA_HOST = "gamma." + BASE;
  private static final String DELTA_HOST = "delta." + BASE;
  /** Beta's own provider: another issuer of the same OpenID Connect server, with a signing key of its own. */
  private static final String BETA_ISSUER_ID = "beta-idp";
  private static final String BETA_CLIENT = "beta-web";
  private static final String BETA_SECRET = "beta's web client secret";
  private static final String OPERATOR_PASSWORD = "the platform operator's password";
  private static final String ADMIN_SCOPE = "parley.admin";
  private static final String INSTALL_API_KEY = "the install's provider API key, long and random";

  private static TestServer server;
  private static TestProvider provider;
  private static WebClient browser;
  private static String operator;
  private static String beta;
  private static String delta;
  /** Gamma's first account, and so its superadmin. */
  private static String gammaChief;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    server = TestServer.start(vertx, provider.settings("both").mergeIn(provider.ssoSettings())
      .put("TENANT_BASE_DOMAIN", BASE).put("PLATFORM_ADMIN_PASSWORD", OPERATOR_PASSWORD).put("AUTH_ADMIN_SCOPE", ADMIN_SCOPE)
      .put("IDP_API_KEY_SHA256", HexFormat.of().formatHex(Sha256.of(INSTALL_API_KEY))));
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    operator = server.operatorToken(OPERATOR_PASSWORD);
    beta = created("beta", new JsonObject().put("identity", betasProvider()));
    created("gamma", new JsonObject().put("identity", new JsonObject().put("mode", "local")));
    delta = created("delta", new JsonObject());
    // Each tenant's first person is its superadmin, whom nobody may deactivate: someone else is the one who leaves.
    assertEquals(200, me(BETA_HOST, betaToken("beta-founder", Map.of())).statusCode());
    HttpResponse<Buffer> first = register(GAMMA_HOST, "gamma_chief");
    assertEquals(201, first.statusCode(), first.bodyAsString());
    gammaChief = first.bodyAsJsonObject().getString("token");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static JsonObject betasProvider() {
    return new JsonObject().put("mode", "external").put("issuer", provider.issuerOf(BETA_ISSUER_ID))
      .put("audience", TestProvider.AUDIENCE).put("jwksUrl", provider.providerJwksUrl(BETA_ISSUER_ID))
      .put("oidcClientId", BETA_CLIENT).put("oidcClientSecret", BETA_SECRET).put("providerName", "Beta ID");
  }

  private static String created(String slug, JsonObject settings) {
    HttpResponse<Buffer> made = server.http.post("/api/platform/tenants").bearerTokenAuthentication(operator)
      .sendJsonObject(new JsonObject().put("slug", slug).put("name", slug.toUpperCase()).put("settings", settings)).await();
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject().getJsonObject("tenant").getString("id");
  }

  private static HttpResponse<Buffer> changed(String tenantId, JsonObject settings) {
    return server.http.patch("/api/platform/tenants/" + tenantId).bearerTokenAuthentication(operator)
      .sendJsonObject(new JsonObject().put("settings", settings)).await();
  }

  private static JsonObject platformsView(String tenantId) {
    HttpResponse<Buffer> listed = server.http.get("/api/platform/tenants").bearerTokenAuthentication(operator).send().await();
    return listed.bodyAsJsonObject().getJsonArray("tenants").stream().map(JsonObject.class::cast)
      .filter(tenant -> tenant.getString("id").equals(tenantId)).findFirst().orElseThrow();
  }

  private static HttpRequest<Buffer> at(String host, HttpMethod method, String path) {
    return browser.request(method, server.port, "127.0.0.1", path).virtualHost(host);
  }

  private static HttpResponse<Buffer> me(String host, String token) {
    return at(host, HttpMethod.GET, "/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  private static String betaToken(String subject, Map<String, Object> claims) {
    return provider.token(BETA_ISSUER_ID, subject, TestProvider.AUDIENCE, claims, 3600);
  }

  private static HttpResponse<Buffer> register(String host, String username) {
    return at(host, HttpMethod.POST, "/api/auth/register")
      .sendJsonObject(new JsonObject().put("username", username).put("password", TestUser.PASSWORD)).await();
  }

  @Test
  @DisplayName("takes at beta's host the tokens of beta's own issuer, and makes the person there, in beta")
  void takesTheTenantsOwnProvider() {
    HttpResponse<Buffer> signedIn = me(BETA_HOST, betaToken("sam", Map.of("name", "Sam Beta")));
    assertEquals(200, signedIn.statusCode(), signedIn.bodyAsString());
    assertEquals("Sam Beta", signedIn.bodyAsJsonObject().getJsonObject("user").getString("displayName"));
    assertEquals(beta, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'sam'"));
  }

  @Test
  @DisplayName("rejects the install's provider's token at beta's host, and beta's provider's token at the install's hosts")
  void rejectsAnotherTenantsProvider() {
    assertError(me(BETA_HOST, provider.token("outsider", Map.of())), 401, "token_signature");
    assertError(me(A_HOST, betaToken("intruder", Map.of())), 401, "token_signature");
    assertError(me(DELTA_HOST, betaToken("intruder", Map.of())), 401, "token_signature");
    assertEquals("0", server.queryOne("SELECT count(*) FROM users WHERE external_id IN ('outsider', 'intruder')"));
    assertEquals(200, me(A_HOST, provider.token("insider", Map.of())).statusCode());
  }

  @Test
  @DisplayName("rejects a token of beta's key naming another issuer at beta's host")
  void rejectsAnotherIssuerWithTheTenantsKey() {
    assertError(me(BETA_HOST, betaToken("mallory", Map.of("iss", provider.issuer()))), 401, "token_issuer");
  }

  @Test
  @DisplayName("rejects passwords at beta, whose provider alone signs people in; gamma takes passwords and no provider's token")
  void rejectsWhatTheTenantsModeLeavesOut() {
    assertError(register(BETA_HOST, "beta_local"), 403, "local_accounts_disabled");
    HttpResponse<Buffer> registered = register(GAMMA_HOST, "gamma_local");
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    assertEquals(200, me(GAMMA_HOST, registered.bodyAsJsonObject().getString("token")).statusCode());
    assertError(me(GAMMA_HOST, provider.token("gamma_sso", Map.of())), 401, "unauthenticated");
    assertEquals(201, register(A_HOST, "a_local").statusCode());
  }

  @Test
  @DisplayName("the sign-in page at each host offers that tenant's own ways in")
  void signInPagesOfferTheTenantsWays() {
    assertEquals(new JsonObject().put("passwords", false)
        .put("providers", new JsonArray().add(new JsonObject().put("name", "Beta ID").put("startUrl", "/api/auth/oidc/start"))),
      offered(BETA_HOST));
    assertEquals(new JsonObject().put("passwords", true).put("providers", new JsonArray()), offered(GAMMA_HOST));
    assertEquals(TestProvider.PROVIDER_NAME, offered(A_HOST).getJsonArray("providers").getJsonObject(0).getString("name"));
    assertError(at(GAMMA_HOST, HttpMethod.GET, "/api/auth/oidc/start").send().await(), 404, "not_found");
  }

  private static JsonObject offered(String host) {
    JsonObject answer = at(host, HttpMethod.GET, "/api/auth/providers").send().await().bodyAsJsonObject();
    answer.remove("tenant");
    return answer;
  }

  @Test
  @DisplayName("single sign-on at beta's host goes to beta's issuer as beta's client, and signs the person into beta")
  void singleSignOnAtTheTenantsProvider() {
    provider.nextSignIn(BETA_ISSUER_ID, "sso-bea", Map.of("name", "Bea"));
    HttpResponse<Buffer> started = at(BETA_HOST, HttpMethod.GET, "/api/auth/oidc/start").send().await();
    assertEquals(302, started.statusCode(), started.bodyAsString());
    String authorizeUrl = started.getHeader("Location");
    assertTrue(authorizeUrl.startsWith(provider.issuerOf(BETA_ISSUER_ID)), authorizeUrl);
    assertEquals(BETA_CLIENT, SsoBrowser.query(authorizeUrl).get("client_id"));
    HttpResponse<Buffer> authorized = browser.getAbs(authorizeUrl).send().await();
    URI back = URI.create(authorized.getHeader("Location"));
    HttpResponse<Buffer> home = at(BETA_HOST, HttpMethod.GET, back.getRawPath() + "?" + back.getRawQuery())
      .putHeader("Cookie", "parley_sso=" + SsoBrowser.cookie(started, "parley_sso")).send().await();
    assertEquals("/", home.getHeader("Location"));
    assertEquals(beta, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'sso-bea'"));
    HttpResponse<Buffer> session = at(BETA_HOST, HttpMethod.GET, "/api/auth/me")
      .putHeader("Cookie", "parley_token=" + SsoBrowser.cookie(home, "parley_token")).send().await();
    assertEquals(200, session.statusCode(), "a session single sign-on started works where only the provider signs people in");
  }

  @Test
  @DisplayName("the platform never shows a provider's secrets, keeps them when a change leaves them out, and refuses what cannot work")
  void theSettingsKeepTheirSecrets() {
    JsonObject shown = platformsView(beta).getJsonObject("settings").getJsonObject("identity");
    assertFalse(shown.encode().contains(BETA_SECRET));
    assertEquals(true, shown.getBoolean("oidcClientSecretSet"));
    assertEquals(BETA_CLIENT, shown.getString("oidcClientId"));

    JsonObject renamed = shown.copy().put("providerName", "Beta Login");
    assertEquals(200, changed(beta, new JsonObject().put("identity", renamed)).statusCode());
    JsonObject after = platformsView(beta).getJsonObject("settings").getJsonObject("identity");
    assertEquals("Beta Login", after.getString("providerName"));
    assertEquals(true, after.getBoolean("oidcClientSecretSet"));
    assertEquals(BETA_SECRET, server.queryOne("SELECT settings->'identity'->>'oidcClientSecret' FROM tenants WHERE id = ?", Long.parseLong(beta)));

    assertError(changed(beta, new JsonObject().put("identity", new JsonObject().put("mode", "external")
      .put("issuer", provider.issuerOf(BETA_ISSUER_ID)).put("jwksUrl", provider.providerJwksUrl(BETA_ISSUER_ID)))), 400, "invalid_identity_setting");
    assertError(changed(beta, new JsonObject().put("identity", betasProvider().put("publicKeys", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))),
      400, "invalid_identity_setting");
    assertError(changed(beta, new JsonObject().put("identity", new JsonObject().put("mode", "sometimes"))), 400, "invalid_identity_setting");
    assertError(changed(beta, new JsonObject().put("identity", betasProvider().put("hs256Secret", "short").putNull("jwksUrl"))), 400, "invalid_identity_setting");
    assertEquals(200, changed(beta, new JsonObject().put("identity", betasProvider())).statusCode());
  }

  @Test
  @DisplayName("rejects a tenant superadmin's change of the provider: it is the platform's")
  void rejectsTheTenantsOwnChange() {
    String token = gammaChief;
    JsonObject own = at(GAMMA_HOST, HttpMethod.GET, "/api/tenant/settings").bearerTokenAuthentication(token).send().await().bodyAsJsonObject();
    assertEquals("local", own.getJsonObject("settings").getJsonObject("identity").getString("mode"));
    assertError(at(GAMMA_HOST, HttpMethod.PATCH, "/api/tenant/settings").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("identity", betasProvider())).await(), 403, "platform_setting");
    assertEquals("local", server.queryOne("SELECT settings->'identity'->>'mode' FROM tenants WHERE slug = 'gamma'"));
  }

  @Test
  @DisplayName("a tenant given a provider that alone signs people in loses its password sessions at once")
  void passwordSessionsEndWhenOnlyTheProviderSignsIn() {
    HttpResponse<Buffer> registered = register(DELTA_HOST, "delta_local");
    String token = registered.bodyAsJsonObject().getString("token");
    assertEquals(200, me(DELTA_HOST, token).statusCode());
    JsonObject external = betasProvider().put("oidcClientId", "delta-web");
    assertEquals(200, changed(delta, new JsonObject().put("identity", external)).statusCode());
    assertError(me(DELTA_HOST, token), 401, "unauthenticated");
    assertError(at(DELTA_HOST, HttpMethod.POST, "/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", "delta_local").put("password", TestUser.PASSWORD)).await(), 403, "local_accounts_disabled");
    assertEquals(200, me(DELTA_HOST, betaToken("delta-person", Map.of())).statusCode());
    assertEquals(200, changed(delta, new JsonObject().putNull("identity")).statusCode());
    assertError(me(DELTA_HOST, betaToken("delta-other", Map.of())), 401, "token_signature");
  }

  @Test
  @DisplayName("rejects the install's API key for the admin calls at beta, which only beta's own service client may make")
  void adminCallsAreTheTenantsProvidersOwn() {
    me(BETA_HOST, betaToken("leaving", Map.of()));
    String path = "/api/idp/users/leaving/deactivate";
    assertError(at(BETA_HOST, HttpMethod.POST, path).bearerTokenAuthentication(INSTALL_API_KEY).sendJsonObject(new JsonObject()).await(),
      401, "idp_credential");
    assertError(at(BETA_HOST, HttpMethod.POST, path).bearerTokenAuthentication(provider.token("service", Map.of("scope", ADMIN_SCOPE)))
      .sendJsonObject(new JsonObject()).await(), 401, "token_signature");
    HttpResponse<Buffer> done = at(BETA_HOST, HttpMethod.POST, path)
      .bearerTokenAuthentication(betaToken("service", Map.of("scope", ADMIN_SCOPE))).sendJsonObject(new JsonObject()).await();
    assertEquals(200, done.statusCode(), done.bodyAsString());
    assertEquals(beta, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'leaving' AND deactivated_at IS NOT NULL"));
    assertError(at(GAMMA_HOST, HttpMethod.POST, path).bearerTokenAuthentication(INSTALL_API_KEY).sendJsonObject(new JsonObject()).await(),
      404, "not_found");
  }
}
