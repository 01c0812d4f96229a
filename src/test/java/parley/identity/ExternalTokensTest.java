package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("External tokens (AUTH_MODE=both, keys from the provider's JWKS)")
class ExternalTokensTest {

  private static final String JWT_SECRET = "a local secret of at least thirty-two characters";

  private static TestProvider provider;
  private static TestServer server;
  private static TestUser root;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    server = TestServer.start(vertx, provider.settings("both").put("JWT_SECRET", JWT_SECRET));
    root = server.register("root");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  /** A new subject, as providers make them: opaque. */
  private static String newSubject() {
    return UUID.randomUUID().toString();
  }

  private static TestUser as(String token) {
    HttpResponse<Buffer> me = server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
    assertEquals(200, me.statusCode(), me.bodyAsString());
    return new TestUser(server, me.bodyAsJsonObject().getJsonObject("user"), token);
  }

  private static HttpResponse<Buffer> me(String token) {
    return server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  @Test
  @DisplayName("the first token of a subject makes their user, who is in #general, chats and connects to the bridge")
  void provisions() {
    String subject = newSubject();
    String token = provider.token(subject, Map.of("preferred_username", "Ada.Lovelace@example.org", "name", "Ada Lovelace",
      "email", "ada@example.org", "picture", "https://example.org/ada.png", "locale", "en-GB"));
    TestUser ada = as(token);
    assertEquals("ada.lovelace", ada.username());
    assertEquals("Ada Lovelace", ada.user.getString("displayName"));
    assertEquals("member", ada.user.getString("role"));
    assertEquals(ada.id(), server.queryOne("SELECT id FROM users WHERE external_id = ?", subject));
    assertNull(server.queryOne("SELECT password_hash FROM users WHERE external_id = ?", subject));
    assertEquals("ada@example.org https://example.org/ada.png en-GB",
      server.queryOne("SELECT concat_ws(' ', email, avatar_url, locale) FROM users WHERE external_id = ?", subject));

    String general = ada.generalRoomId();
    try (BridgeClient ours = root.connect(); BridgeClient hers = ada.connect()) {
      ours.register("room." + general);
      JsonObject sent = hers.request("chat.send", new JsonObject().put("roomId", general).put("content", "hello from the provider"));
      assertEquals(ada.id(), sent.getJsonObject("message").getJsonObject("author").getString("id"));
      assertEquals("hello from the provider", ours.next("room." + general, "message.new").getJsonObject("message").getString("content"));
    }
    try (BridgeClient viaQuery = BridgeClient.connect(server, BridgeClient.Auth.query(token))) {
      viaQuery.register("user." + ada.id());
    }
    assertEquals("1", server.queryOne("SELECT count(*) FROM users WHERE external_id = ?", subject));
  }

  @Test
  @DisplayName("the usernames made for people are valid and unique, and a name that looks like another's gets the username beside it")
  void namesStayApart() {
    TestUser first = as(provider.token(newSubject(), Map.of("preferred_username", "grace", "name", "Grace Hopper")));
    TestUser second = as(provider.token(newSubject(), Map.of("preferred_username", "grace", "name", "Grace Hopper")));
    TestUser third = as(provider.token("ZZ", Map.of()));
    assertEquals("grace", first.username());
    assertEquals("grace2", second.username());
    assertEquals("Grace Hopper", first.user.getString("displayName"));
    assertEquals("Grace Hopper (grace2)", second.user.getString("displayName"));
    assertEquals("user", third.username().replaceAll("[0-9]+$", ""));
  }

  @Test
  @DisplayName("racing first requests of one new subject make exactly one user")
  void racingFirstRequests() {
    String subject = newSubject();
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Some tokens used twice, as a client retrying does: each token opens one session however often it races.
      String token = provider.token(subject, Map.of("name", "Racer"));
      racing.add(server.http.get("/api/auth/me").bearerTokenAuthentication(token).send());
      racing.add(server.http.get("/api/rooms").bearerTokenAuthentication(token).send());
    }
    Future.join(racing).await();
    racing.forEach(response -> assertEquals(200, response.result().statusCode(), response.result().bodyAsString()));
    assertEquals("1", server.queryOne("SELECT count(*) FROM users WHERE external_id = ?", subject));
    assertEquals("12", server.queryOne("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.external_id = ?", subject));
    assertEquals("1", server.queryOne("SELECT count(*) FROM room_members m JOIN users u ON u.id = m.user_id WHERE u.external_id = ?", subject));
  }

  @Test
  @DisplayName("a new token brings the profile up to date; the username stays")
  void profileUpdates() {
    String subject = newSubject();
    TestUser before = as(provider.token(subject, Map.of("preferred_username", "bob", "name", "Bob", "email", "bob@example.org")));
    TestUser watcher = server.register("watcher");
    String general = watcher.generalRoomId();
    try (BridgeClient watching = watcher.connect()) {
      watching.register("room." + general);
      TestUser after = as(provider.token(subject, Map.of("preferred_username", "robert", "name", "Robert", "locale", "fr")));
      assertEquals(before.id(), after.id());
      assertEquals("bob", after.username());
      assertEquals("Robert", after.user.getString("displayName"));
      assertEquals("Robert", watching.next("room." + general, "member.updated").getJsonObject("user").getString("displayName"));
    }
    assertEquals(" fr", server.queryOne("SELECT coalesce(email, '') || ' ' || locale FROM users WHERE external_id = ?", subject));
  }

  @Test
  @DisplayName("rejects a token that fails a check, with a slug naming the check")
  void rejectsEachCheck() {
    String subject = newSubject();
    assertError(me(provider.token(TestProvider.ISSUER_ID, subject, TestProvider.AUDIENCE, Map.of(), -120)), 401, "token_expired");
    long inAnHour = System.currentTimeMillis() / 1000 + 3600;
    assertError(me(provider.token(subject, Map.of("nbf", inAnHour))), 401, "token_expired");
    assertError(me(provider.token(TestProvider.ISSUER_ID, subject, "someone-else", Map.of(), 3600)), 401, "token_audience");
    assertError(me(provider.token(subject, Map.of("iss", "https://elsewhere.example.org"))), 401, "token_issuer");
    assertError(me(provider.token(subject, Map.of("sub", ""))), 401, "token_subject");
    String token = provider.token(subject, Map.of());
    String[] parts = token.split("\\.");
    String changed = TestProvider.craft(new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]))),
      TestProvider.claimsOf(token).put("sub", "someone else"), parts[2]);
    assertError(me(changed), 401, "token_signature");
    assertError(me("not.a.token"), 401, "token_signature");
    assertError(me("garbage"), 401, "token_signature");
    assertNull(server.queryOne("SELECT id FROM users WHERE external_id IN (?, ?)", subject, "someone else"));
    // Within the clock skew (60 s), an expired token still counts.
    assertEquals(200, me(provider.token(TestProvider.ISSUER_ID, subject, TestProvider.AUDIENCE, Map.of(), -20)).statusCode());
  }

  @Test
  @DisplayName("rejects an unsigned token (alg none), with or without a signature part")
  void rejectsNone() {
    JsonObject claims = TestProvider.claimsOf(provider.token(newSubject(), Map.of()));
    assertError(me(TestProvider.craft(new JsonObject().put("alg", "none"), claims, "")), 401, "token_signature");
    assertError(me(TestProvider.craft(new JsonObject().put("alg", "none").put("typ", "JWT"), claims, "AAAA")), 401, "token_signature");
    assertError(me(TestProvider.craft(new JsonObject().put("alg", "NONE"), claims, "AAAA")), 401, "token_signature");
    assertNull(server.queryOne("SELECT id FROM users WHERE external_id = ?", claims.getString("sub")));
  }

  @Test
  @DisplayName("rejects the provider's public key used as an HS256 secret (key confusion)")
  void rejectsKeyConfusion() throws Exception {
    String jwks = WebClient.create(server.vertx).getAbs(provider.providerJwksUrl(TestProvider.ISSUER_ID)).send().await()
      .bodyAsString();
    JsonObject key = new JsonObject(jwks).getJsonArray("keys").getJsonObject(0);
    PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
      new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n"))), new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("e")))));
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    JsonObject claims = TestProvider.claimsOf(provider.token(newSubject(), Map.of()));
    for (String secret : List.of(pem, pem.trim(), key.encode(), key.getString("n"))) {
      JWTAuth confused = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
      String forged = confused.generateToken(claims.copy(), new JWTOptions().setAlgorithm("HS256").setHeader(new JsonObject().put("kid", key.getString("kid"))));
      assertError(me(forged), 401, "token_signature");
    }
    assertNull(server.queryOne("SELECT id FROM users WHERE external_id = ?", claims.getString("sub")));
  }

  @Test
  @DisplayName("Parley's own tokens work as before, and are never taken for the provider's, nor the provider's for Parley's")
  void ownTokensStayApart() {
    assertEquals(200, root.get("/api/auth/me").statusCode());
    assertEquals(200, server.login(root).get("/api/rooms").statusCode());
    // Signed with Parley's secret, dressed as the provider's: it is one of Parley's, and a bad one.
    JWTAuth parleys = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(JWT_SECRET)));
    String dressedUp = parleys.generateToken(new JsonObject().put("iss", provider.issuer()).put("aud", TestProvider.AUDIENCE)
      .put("sub", "dressed-up"), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(10));
    assertError(me(dressedUp), 401, "unauthenticated");
    assertNull(server.queryOne("SELECT id FROM users WHERE external_id = ?", "dressed-up"));
    // The provider's, dressed as Parley's (root's id, tenant and session): a new person whose external id is "1".
    JsonObject rootClaims = TestProvider.claimsOf(root.token);
    String mimic = provider.token(rootClaims.getString("sub"), Map.of("tid", "1", "jti", rootClaims.getString("jti")));
    TestUser mimicking = as(mimic);
    assertNotEquals(root.id(), mimicking.id());
    assertEquals(mimicking.id(), server.queryOne("SELECT id FROM users WHERE external_id = ?", root.id()));
  }

  @Test
  @DisplayName("rejects a deactivated person's tokens at once, the used ones and new ones, on REST and the bridge")
  void rejectsDeactivated() {
    String subject = newSubject();
    String token = provider.token(subject, Map.of("name", "Leaver"));
    TestUser leaver = as(token);
    try (BridgeClient socket = leaver.connect()) {
      socket.register("user." + leaver.id());
      assertEquals(200, root.post("/api/users/" + leaver.id() + "/deactivate", new JsonObject()).statusCode());
      assertEquals("4001 session_ended", socket.awaitClose(2000));
    }
    assertError(me(token), 401, "unauthenticated");
    String fresh = provider.token(subject, Map.of("name", "Leaver"));
    assertError(me(fresh), 403, "account_deactivated");
    assertTrue(BridgeClient.refusal(server, BridgeClient.Auth.bearer(fresh), null) != null);

    assertEquals(200, root.post("/api/users/" + leaver.id() + "/reactivate", new JsonObject()).statusCode());
    assertError(me(token), 401, "unauthenticated");
    assertEquals(leaver.id(), as(provider.token(subject, Map.of("name", "Leaver"))).id());
  }

  @Test
  @DisplayName("an external token's session ends like any other, and the token does not open another")
  void sessionsEnd() {
    String token = provider.token(newSubject(), Map.of());
    TestUser person = as(token);
    assertEquals(1, person.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions").size());
    assertEquals(200, person.post("/api/auth/logout-everywhere", new JsonObject()).statusCode());
    assertError(me(token), 401, "unauthenticated");
    // Not only while the nodes remember the ending: the token itself is remembered as used.
    server.restart();
    assertError(me(token), 401, "unauthenticated");
    assertEquals(200, me(provider.token(subjectOf(token), Map.of())).statusCode());
  }

  private static String subjectOf(String token) {
    return TestProvider.claimsOf(token).getString("sub");
  }

  @Test
  @DisplayName("rejects passwords for a person the provider signs in: no login, no password change, no reset link")
  void rejectsPasswords() {
    TestUser person = as(provider.token(newSubject(), Map.of("preferred_username", "nopass")));
    assertError(server.attemptLogin(person, "anything at all"), 401, "invalid_credentials");
    assertError(person.post("/api/auth/password", new JsonObject().put("current", "x").put("new", "a new password")), 403, "external_account");
    assertError(root.post("/api/users/" + person.id() + "/password-reset", new JsonObject()), 403, "external_account");
  }

  @Test
  @DisplayName("a rotated key is fetched when its first token comes; another unknown key within the minute is refused without a fetch")
  void rotation() {
    int before = provider.fetches.get();
    String rotated = provider.token("rotated-key", newSubject(), TestProvider.AUDIENCE, Map.of("iss", provider.issuer()), 3600);
    provider.serveKeysOf(TestProvider.ISSUER_ID, "rotated-key");
    assertEquals(200, me(rotated).statusCode());
    assertEquals(before + 1, provider.fetches.get());
    assertEquals(200, me(provider.token(newSubject(), Map.of())).statusCode());

    provider.serveKeysOf(TestProvider.ISSUER_ID, "rotated-key", "another-key");
    String another = provider.token("another-key", newSubject(), TestProvider.AUDIENCE, Map.of("iss", provider.issuer()), 3600);
    assertError(me(another), 401, "token_signature");
    assertError(me(another), 401, "token_signature");
    assertEquals(before + 1, provider.fetches.get());
  }
}
