package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("AUTH_MODE=external with a shared HS256 secret, and AUTH_MODE=local")
class ExternalModeTest {

  private static final String ISSUER = "https://erp.example.org";
  private static final String SECRET = "the ERP's shared secret, thirty-two bytes or more";
  private static final String JWT_SECRET = "Parley's own secret, also thirty-two bytes or more";

  private static TestServer server;
  private static TestProvider provider;
  /** The first person the provider signed in, before any test. */
  private static HttpResponse<Buffer> first;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    server = TestServer.start(vertx, new JsonObject().put("AUTH_MODE", "external").put("AUTH_ISSUER", ISSUER)
      .put("AUTH_AUDIENCE", "chat").put("AUTH_HS256_SECRET", SECRET).put("JWT_SECRET", JWT_SECRET));
    first = me(signed(SECRET, claims("employee-1")));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static String signed(String secret, JsonObject claims) {
    JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5));
  }

  private static JsonObject claims(String subject) {
    return new JsonObject().put("iss", ISSUER).put("aud", "chat").put("sub", subject).put("name", "Erp User");
  }

  private static HttpResponse<Buffer> me(String token) {
    return server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  @Test
  @DisplayName("an HS256 token signed with the shared secret signs in; the first person of a fresh install is its superadmin")
  void sharedSecret() {
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals("superadmin", first.bodyAsJsonObject().getJsonObject("user").getString("role"));
    assertEquals("employee-1", first.bodyAsJsonObject().getJsonObject("user").getString("username"));
    HttpResponse<Buffer> second = me(signed(SECRET, claims("employee-2").put("aud", new JsonArray().add("other").add("chat"))));
    assertEquals(200, second.statusCode(), second.bodyAsString());
    assertEquals("member", second.bodyAsJsonObject().getJsonObject("user").getString("role"));
  }

  @Test
  @DisplayName("rejects tokens signed any other way: another secret, an RSA key; one of Parley's secret is Parley's own, and needs its session")
  void rejectsOtherSignatures() {
    assertError(me(signed("another secret of thirty-two bytes or more....", claims("employee-3"))), 401, "token_signature");
    assertError(me(signed(JWT_SECRET, claims("employee-3"))), 401, "unauthenticated");
    String parleyShaped = signed(JWT_SECRET, new JsonObject().put("sub", "1").put("tid", "1")
      .put("jti", UUID.randomUUID().toString()));
    assertError(me(parleyShaped), 401, "unauthenticated");
    assertError(me(provider.token("employee-3", Map.of("iss", ISSUER, "aud", "chat"))), 401, "token_signature");
    assertEquals(null, server.queryOne("SELECT id FROM users WHERE external_id = ?", "employee-3"));
  }

  @Test
  @DisplayName("rejects registration, login and password resets: there are no local accounts")
  void rejectsLocalAccounts() {
    assertError(server.http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", "local")
      .put("password", TestUser.PASSWORD)).await(), 403, "local_accounts_disabled");
    assertError(server.http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "employee-1")
      .put("password", TestUser.PASSWORD)).await(), 403, "local_accounts_disabled");
    assertError(server.http.get("/api/auth/reset/some-code").send().await(), 403, "local_accounts_disabled");
    assertError(server.http.post("/api/auth/reset").sendJsonObject(new JsonObject().put("code", "some-code")
      .put("password", TestUser.PASSWORD)).await(), 403, "local_accounts_disabled");
    String token = signed(SECRET, claims("employee-4"));
    JsonObject user = me(token).bodyAsJsonObject().getJsonObject("user");
    TestUser employee = new TestUser(server, user, token);
    assertError(employee.post("/api/auth/password", new JsonObject().put("current", "x").put("new", "a new password")),
      403, "local_accounts_disabled");
    TestUser admin = new TestUser(server, null, signed(SECRET, claims("employee-1")));
    assertError(admin.post("/api/users/" + employee.id() + "/password-reset", new JsonObject()), 403, "local_accounts_disabled");
    assertEquals("0", server.queryOne("SELECT count(*) FROM users WHERE password_hash IS NOT NULL"));
    assertEquals(new JsonObject().put("passwords", false).put("providers", new JsonArray())
        .put("tenant", new JsonObject().put("slug", "default").put("name", "Parley")),
      server.http.get("/api/auth/providers").send().await().bodyAsJsonObject());
  }

  @Test
  @DisplayName("rejects every external token with AUTH_MODE=local, as any token Parley did not sign")
  void rejectsExternalTokensWhenLocal() {
    Vertx other = Vertx.vertx();
    try {
      TestServer local = TestServer.start(other, new JsonObject().put("AUTH_ISSUER", provider.issuer())
        .put("AUTH_AUDIENCE", TestProvider.AUDIENCE).put("AUTH_JWKS_URL", provider.jwksUrl()));
      String token = provider.token("someone", Map.of());
      HttpResponse<Buffer> refused = local.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
      assertError(refused, 401, "unauthenticated");
      assertEquals(null, local.queryOne("SELECT id FROM users WHERE external_id = ?", "someone"));
      assertEquals(201, local.http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", "localperson")
        .put("password", TestUser.PASSWORD)).await().statusCode());
    } finally {
      other.close().await();
    }
  }
}
