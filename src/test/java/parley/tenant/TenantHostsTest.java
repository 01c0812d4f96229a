package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
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
import parley.testing.BridgeClient;
import parley.testing.SsoBrowser;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.net.URI;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Which tenant a request belongs to: its host")
class TenantHostsTest {

  private static final String BASE = "localtest";
  private static final String IDP_API_KEY = "the provider's API key for its admin calls";

  private static TestProvider provider;
  private static TestServer server;
  /** Does not follow redirects, and carries no cookies of its own. */
  private static WebClient browser;
  private static String tenantA;
  private static String tenantB;
  private static int counter;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    // One HTTP instance, so that what its event loop keeps of a host can be seen to stay until a change is published;
    // a PUBLIC_URL, which a tenant's own host must not be sent to instead of itself.
    server = TestServer.start(vertx, provider.settings("both").mergeIn(provider.ssoSettings()).put("TENANT_BASE_DOMAIN", BASE)
      .put("HTTP_INSTANCES", 1).put("PUBLIC_URL", "https://" + BASE).put("IDP_API_KEY_SHA256", Sha256.hex(IDP_API_KEY)));
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(server.port));
    tenantA = tenant("a", "Acme");
    tenantB = tenant("b", "Bravo");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  /** A tenant with its system roles and nobody in it yet, as the platform makes one. */
  private static String tenant(String slug, String name) {
    String id = server.queryOne("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id", slug, name);
    server.queryOne("SELECT create_system_roles(?)", Long.parseLong(id));
    return id;
  }

  private static HttpRequest<Buffer> at(String host, HttpMethod method, String path) {
    return browser.request(method, path).virtualHost(host);
  }

  private static HttpResponse<Buffer> register(String host, String name) {
    return at(host, HttpMethod.POST, "/api/auth/register")
      .sendJsonObject(new JsonObject().put("username", name + "_" + (++counter)).put("password", TestUser.PASSWORD)).await();
  }

  private static TestUser registered(String host, String name) {
    HttpResponse<Buffer> response = register(host, name);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    JsonObject answer = response.bodyAsJsonObject();
    return new TestUser(server, answer.getJsonObject("user"), answer.getString("token"), host);
  }

  private static HttpResponse<Buffer> me(String host, String token) {
    return at(host, HttpMethod.GET, "/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  private static JsonObject tenantShown(String host) {
    HttpResponse<Buffer> providers = at(host, HttpMethod.GET, "/api/auth/providers").send().await();
    assertEquals(200, providers.statusCode(), providers.bodyAsString());
    return providers.bodyAsJsonObject().getJsonObject("tenant");
  }

  private static String tenantOfUser(TestUser user) {
    return server.queryOne("SELECT tenant_id FROM users WHERE id = ?", Long.parseLong(user.id()));
  }

  @Test
  @DisplayName("registers on r.<base> into tenant R, whose first account is its superadmin and the next a member")
  void registersIntoTheHostsTenant() {
    String tenantR = tenant("r", "Romeo");
    TestUser first = registered("r." + BASE, "rfirst");
    TestUser second = registered("r." + BASE, "rsecond");
    assertEquals(tenantR, tenantOfUser(first));
    assertEquals(tenantR, tenantOfUser(second));
    assertEquals("superadmin", first.user.getString("role"));
    assertEquals("member", second.user.getString("role"));
    // The Host header carries the port, which is not part of the host.
    assertEquals(200, me("r." + BASE, first.token).statusCode());
    assertEquals(new JsonObject().put("slug", "r").put("name", "Romeo"), tenantShown("R." + BASE));
  }

  @Test
  @DisplayName("an invite made at tenant B's host is B's, its link relative to that host (PUBLIC_URL is the default tenant's)")
  void invitesOfATenant() {
    tenant("i", "India");
    TestUser owner = registered("i." + BASE, "iowner");
    JsonObject invite = owner.post("/api/invites", new JsonObject()).bodyAsJsonObject().getJsonObject("invite");
    assertEquals("/?invite=" + invite.getString("code"), invite.getString("url"));
    JsonObject valid = new JsonObject().put("valid", true);
    assertEquals(valid, at("i." + BASE, HttpMethod.GET, "/api/auth/invite/" + invite.getString("code")).send().await().bodyAsJsonObject());
    assertEquals(false, at("localhost", HttpMethod.GET, "/api/auth/invite/" + invite.getString("code")).send().await()
      .bodyAsJsonObject().getBoolean("valid"));
    TestUser root = registered("localhost", "root");
    server.queryOne("UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = 1 AND name = 'superadmin') WHERE id = ? RETURNING id",
      Long.parseLong(root.id()));
    server.vertx.eventBus().publish("evt.perm.changed", new JsonObject());
    long deadline = System.currentTimeMillis() + 5000;
    HttpResponse<Buffer> made;
    do {
      made = root.post("/api/invites", new JsonObject());
    } while (made.statusCode() == 403 && System.currentTimeMillis() < deadline);
    assertTrue(made.bodyAsJsonObject().getJsonObject("invite").getString("url").startsWith("https://" + BASE + "/?invite="));
  }

  @Test
  @DisplayName("rejects a token of tenant A on tenant B's host, and on the default tenant's, with 401 on REST")
  void rejectsAnotherTenantsTokenOnRest() {
    TestUser alice = registered("a." + BASE, "alice");
    assertEquals(tenantA, tenantOfUser(alice));
    assertEquals(200, me("a." + BASE, alice.token).statusCode());
    assertError(me("b." + BASE, alice.token), 401, "unauthenticated");
    assertError(me("localhost", alice.token), 401, "unauthenticated");
    assertError(at("b." + BASE, HttpMethod.GET, "/api/rooms").bearerTokenAuthentication(alice.token).send().await(),
      401, "unauthenticated");
    assertError(at("b." + BASE, HttpMethod.GET, "/api/auth/me").putHeader("Cookie", "parley_token=" + alice.token).send().await(),
      401, "unauthenticated");
  }

  @Test
  @DisplayName("rejects a token of tenant A on tenant B's host with 401 on the bridge")
  void rejectsAnotherTenantsTokenOnTheBridge() {
    TestUser alice = registered("a." + BASE, "alicebridge");
    try (BridgeClient own = BridgeClient.connect(server, BridgeClient.Auth.bearer(alice.token), null, "a." + BASE)) {
      assertNotNull(own);
    }
    for (BridgeClient.Auth auth : new BridgeClient.Auth[]{BridgeClient.Auth.bearer(alice.token), BridgeClient.Auth.query(alice.token)}) {
      Throwable refusal = BridgeClient.refusal(server, auth, null, "b." + BASE);
      UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refusal, String.valueOf(refusal));
      assertEquals(401, rejected.getStatus());
    }
  }

  @Test
  @DisplayName("sets the session cookie for the host alone: no Domain, so no other tenant's host ever gets it")
  void cookiesAreHostOnly() {
    HttpResponse<Buffer> registration = register("a." + BASE, "cookie");
    assertEquals(201, registration.statusCode());
    assertFalse(registration.cookies().isEmpty());
    registration.cookies().forEach(cookie -> assertFalse(cookie.toLowerCase().contains("domain"), cookie));
  }

  @Test
  @DisplayName("a host in tenant_domains belongs to its tenant, as soon as the change is published, on every node")
  void customDomainsAndTheirCache() {
    String domain = "chat.acme.test";
    assertEquals("default", tenantShown(domain).getString("slug"));
    server.queryOne("INSERT INTO tenant_domains (domain, tenant_id) VALUES (?, ?) RETURNING domain", domain, Long.parseLong(tenantA));
    // Until told, every event loop keeps what it knew.
    assertEquals("default", tenantShown(domain).getString("slug"));
    TenantHosts.changed(server.vertx.eventBus());
    long deadline = System.currentTimeMillis() + 5000;
    while (!"a".equals(tenantShown(domain).getString("slug")) && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(new JsonObject().put("slug", "a").put("name", "Acme"), tenantShown(domain));
    TestUser there = registered(domain, "custom");
    assertEquals(tenantA, tenantOfUser(there));
    assertEquals(200, me("a." + BASE, there.token).statusCode());
  }

  @Test
  @DisplayName("an upload that is the first request of its host since a change arrives whole, held while the host is looked up")
  void uploadWhileTheHostIsLookedUp() {
    tenant("u", "Uniform");
    TestUser owner = registered("u." + BASE, "uploader");
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    TenantHosts.changed(server.vertx.eventBus());
    // The change reaches the event loop as a message of its own; a moment is enough.
    server.vertx.timer(200).await();
    JsonObject file = Uploads.uploaded(owner, "noise.bin", Buffer.buffer(bytes));
    assertEquals(bytes.length, ((Number) file.getValue("size")).intValue());
    assertEquals(HexFormat.of().formatHex(Sha256.of(bytes)), file.getString("sha256"));
  }

  @Test
  @DisplayName("rejects API requests to a subdomain that names no tenant with 404 tenant_not_found; the web app is still served")
  void rejectsUnknownSubdomains() {
    assertError(at("nobody." + BASE, HttpMethod.GET, "/api/auth/providers").send().await(), 404, "tenant_not_found");
    assertError(register("nobody." + BASE, "lost"), 404, "tenant_not_found");
    assertError(at("x.a." + BASE, HttpMethod.GET, "/api/auth/providers").send().await(), 404, "tenant_not_found");
    HttpResponse<Buffer> page = at("nobody." + BASE, HttpMethod.GET, "/").send().await();
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("auth-tenant"));
  }

  @Test
  @DisplayName("every other host (localhost, an IP, the bare base domain) belongs to the default tenant")
  void otherHostsAreTheDefaultTenant() {
    for (String host : new String[]{"localhost", "127.0.0.1", BASE, "parley.example.org"}) {
      assertEquals(new JsonObject().put("slug", "default").put("name", "Parley"), tenantShown(host), host);
    }
    TestUser plain = registered("127.0.0.1", "plain");
    assertEquals("1", tenantOfUser(plain));
    assertEquals(200, me("localhost", plain.token).statusCode());
  }

  @Test
  @DisplayName("rejects registering and signing in on a suspended tenant's host with 403 tenant_suspended")
  void rejectsSignInAtASuspendedTenant() {
    String suspended = tenant("s", "Suspended");
    TestUser sam = registered("s." + BASE, "sam");
    server.queryOne("UPDATE tenants SET suspended_at = now() WHERE id = ? RETURNING id", Long.parseLong(suspended));
    assertError(register("s." + BASE, "late"), 403, "tenant_suspended");
    assertError(at("s." + BASE, HttpMethod.POST, "/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", sam.username()).put("password", TestUser.PASSWORD)).await(), 403, "tenant_suspended");
  }

  @Test
  @DisplayName("a provider's token signs in to the tenant of the host it is first used at, and rejects it at another's")
  void externalTokensBelongToTheirHost() {
    String token = provider.token("dora", Map.of("name", "Dora"));
    HttpResponse<Buffer> first = me("b." + BASE, token);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(tenantB, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'dora'"));
    assertError(me("a." + BASE, token), 401, "unauthenticated");
    assertEquals("1", server.queryOne("SELECT count(*) FROM users WHERE external_id = 'dora'"));
  }

  @Test
  @DisplayName("the identity provider's admin calls at tenant B's host act on tenant B's people")
  void providerAdminCallsAtTheirHost() {
    HttpResponse<Buffer> deactivated = at("b." + BASE, HttpMethod.POST, "/api/idp/users/leaver/deactivate")
      .bearerTokenAuthentication(IDP_API_KEY).send().await();
    assertEquals(200, deactivated.statusCode(), deactivated.bodyAsString());
    assertEquals(tenantB, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'leaver'"));
    assertEquals("1", server.queryOne("SELECT count(*) FROM users WHERE external_id = 'leaver' AND deactivated_at IS NOT NULL"));
  }

  @Test
  @DisplayName("a single sign-on started at tenant A's host finishes into tenant A, and rejects finishing it at B's")
  void singleSignOnStaysInItsTenant() {
    provider.nextSignIn("sso-ann", Map.of("name", "Ann"));
    HttpResponse<Buffer> started = at("a." + BASE, HttpMethod.GET, "/api/auth/oidc/start").send().await();
    assertEquals(302, started.statusCode(), started.bodyAsString());
    String loginCookie = SsoBrowser.cookie(started, "parley_sso");
    HttpResponse<Buffer> authorized = browser.getAbs(started.getHeader("Location")).send().await();
    URI back = URI.create(authorized.getHeader("Location"));
    assertEquals("a." + BASE, back.getHost(), "the provider must send the browser back to the host it started on");
    String callback = back.getRawPath() + "?" + back.getRawQuery();

    HttpResponse<Buffer> elsewhere = at("b." + BASE, HttpMethod.GET, callback).putHeader("Cookie", "parley_sso=" + loginCookie).send().await();
    assertEquals("/#/signin?error=sso_state", elsewhere.getHeader("Location"));
    assertEquals("0", server.queryOne("SELECT count(*) FROM users WHERE external_id = 'sso-ann'"));

    HttpResponse<Buffer> home = at("a." + BASE, HttpMethod.GET, callback).putHeader("Cookie", "parley_sso=" + loginCookie).send().await();
    assertEquals("/", home.getHeader("Location"), home.getHeader("Location"));
    assertEquals(tenantA, server.queryOne("SELECT tenant_id FROM users WHERE external_id = 'sso-ann'"));
    assertEquals(200, me("a." + BASE, SsoBrowser.cookie(home, "parley_token")).statusCode());
  }

  @Test
  @DisplayName("without TENANT_BASE_DOMAIN every host but a tenant's own domain belongs to the default tenant")
  void withoutABaseDomain() {
    Vertx other = Vertx.vertx();
    try {
      TestServer plain = TestServer.start(other);
      plain.strangerElsewhere("a");
      WebClient client = WebClient.create(other, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(plain.port));
      for (String host : new String[]{"a." + BASE, "localhost"}) {
        HttpResponse<Buffer> providers = client.get("/api/auth/providers").virtualHost(host).send().await();
        assertEquals("default", providers.bodyAsJsonObject().getJsonObject("tenant").getString("slug"), host);
      }
      HttpResponse<Buffer> registered = client.post("/api/auth/register").virtualHost("a." + BASE)
        .sendJsonObject(new JsonObject().put("username", "first").put("password", TestUser.PASSWORD)).await();
      assertEquals("superadmin", registered.bodyAsJsonObject().getJsonObject("user").getString("role"));
      assertEquals("1", plain.queryOne("SELECT tenant_id FROM users WHERE username = 'first'"));
    } finally {
      other.close().await();
    }
  }
}
