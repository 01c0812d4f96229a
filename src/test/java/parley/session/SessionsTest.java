package parley.session;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Sign-in sessions")
class SessionsTest {

  private static final String SECRET = "a-test-secret-of-at-least-32-characters!";

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("JWT_SECRET", SECRET));
  }

  private static JsonArray sessionsOf(TestUser user) {
    HttpResponse<Buffer> listed = user.get("/api/auth/sessions");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject().getJsonArray("sessions");
  }

  private static String currentSessionId(TestUser user) {
    return sessionsOf(user).stream().map(JsonObject.class::cast).filter(session -> session.getBoolean("current"))
      .findFirst().orElseThrow().getString("id");
  }

  private static HttpResponse<Buffer> logoutWithCookie(TestUser user, String path) {
    return server.http.post(path).putHeader("Cookie", "parley_token=" + user.token).putHeader("Origin", server.url(""))
      .sendJsonObject(new JsonObject()).await();
  }

  @Test
  @DisplayName("logout ends the session: its token is refused on the next request, another sign-in goes on")
  void logoutEndsTheSession() {
    TestUser alice = server.register("alice");
    TestUser onPhone = server.login(alice);
    assertEquals(200, logoutWithCookie(alice, "/api/auth/logout").statusCode());
    assertError(alice.get("/api/auth/me"), 401, "unauthenticated");
    assertEquals(200, onPhone.get("/api/auth/me").statusCode());
  }

  @Test
  @DisplayName("lists my sessions, newest use first, with the device and the current one marked")
  void listsMySessions() {
    TestUser bob = server.register("bob");
    HttpResponse<Buffer> login = server.http.post("/api/auth/login").putHeader("User-Agent", "Parley test phone")
      .sendJsonObject(new JsonObject().put("username", bob.username()).put("password", TestUser.PASSWORD)).await();
    TestUser onPhone = new TestUser(server, login.bodyAsJsonObject().getJsonObject("user"), login.bodyAsJsonObject().getString("token"));
    JsonArray sessions = sessionsOf(onPhone);
    assertEquals(2, sessions.size());
    JsonObject current = sessions.stream().map(JsonObject.class::cast).filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
    assertEquals("Parley test phone", current.getString("userAgent"));
    assertEquals("127.0.0.1", current.getString("ip"));
    assertEquals(1, sessions.stream().map(JsonObject.class::cast).filter(s -> s.getBoolean("current")).count());
  }

  @Test
  @DisplayName("ends one of my sessions; rejects ending someone else's, which goes on working")
  void endsOneSession() {
    TestUser carol = server.register("carol");
    TestUser carolElsewhere = server.login(carol);
    TestUser dave = server.register("dave");
    String carols = currentSessionId(carolElsewhere);

    assertError(dave.delete("/api/auth/sessions/" + carols), 404, "session_not_found");
    assertError(dave.delete("/api/auth/sessions/not-a-session"), 404, "session_not_found");
    assertEquals(200, carolElsewhere.get("/api/auth/me").statusCode());

    assertEquals(200, carol.delete("/api/auth/sessions/" + carols).statusCode());
    assertError(carolElsewhere.get("/api/auth/me"), 401, "unauthenticated");
    assertEquals(1, sessionsOf(carol).size());
  }

  @Test
  @DisplayName("signing out everywhere ends every session and clears the cookie")
  void signOutEverywhere() {
    TestUser erin = server.register("erin");
    TestUser erinElsewhere = server.login(erin);
    HttpResponse<Buffer> everywhere = logoutWithCookie(erin, "/api/auth/logout-everywhere");
    assertEquals(200, everywhere.statusCode(), everywhere.bodyAsString());
    assertEquals(2, everywhere.bodyAsJsonObject().getInteger("ended"));
    assertTrue(everywhere.cookies().get(0).contains("Max-Age=0"), everywhere.cookies().get(0));
    assertError(erin.get("/api/auth/me"), 401, "unauthenticated");
    assertError(erinElsewhere.get("/api/auth/me"), 401, "unauthenticated");
    assertEquals("0", server.queryOne("SELECT count(*) FROM sessions WHERE user_id = ?", Long.parseLong(erin.id())));
  }

  @Test
  @DisplayName("rejects at once the bridge connections of an ended session, and only those")
  void endedSessionClosesItsSockets() {
    TestUser frank = server.register("frank");
    TestUser frankElsewhere = server.login(frank);
    try (BridgeClient ended = frank.connect(); BridgeClient kept = frankElsewhere.connect()) {
      ended.register("user." + frank.id());
      kept.register("user." + frank.id());
      assertEquals(200, frankElsewhere.delete("/api/auth/sessions/" + currentSessionId(frank)).statusCode());
      assertEquals("4001 session_ended", ended.awaitClose(1000));
      assertFalse(kept.closing());
      kept.request("presence.list", new JsonObject());
    }
    assertTrue(BridgeClient.refusal(server, BridgeClient.Auth.bearer(frank.token), null) != null);
  }

  @Test
  @DisplayName("a SockJS session, which closes with SockJS's own 3000 whatever the server asks, is told session_ended in an error frame first")
  void sockJsSessionIsToldWhy() {
    TestUser gina = server.register("gina");
    TestUser ginaElsewhere = server.login(gina);
    WebSocketClient client = server.vertx.createWebSocketClient();
    try {
      BlockingQueue<String> frames = new LinkedBlockingQueue<>();
      ClientWebSocket socket = client.webSocket().textMessageHandler(frames::add);
      socket.connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port)
        .setURI("/eventbus/000/" + UUID.randomUUID().toString().replace("-", "") + "/websocket")
        .addHeader("Authorization", "Bearer " + gina.token)).await();
      assertEquals("o", next(frames));
      assertEquals(200, ginaElsewhere.delete("/api/auth/sessions/" + currentSessionId(gina)).statusCode());
      assertEquals(new JsonArray().add(new JsonObject().put("type", "err").put("body", "session_ended").encode()).encode(),
        next(frames).substring(1));
      assertEquals("c[3000,\"Go away!\"]", next(frames));
    } finally {
      client.close().await();
    }
  }

  /** The next SockJS frame, skipping heartbeats. */
  private static String next(BlockingQueue<String> frames) {
    try {
      String frame;
      do {
        frame = frames.poll(5, TimeUnit.SECONDS);
      } while ("h".equals(frame));
      assertTrue(frame != null, "no frame within 5 s");
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("rejects tokens signed with the server's key that name no session, no tenant, or no numeric user")
  void rejectsIncompleteTokens() {
    TestUser grace = server.register("grace");
    JWTAuth jwt = JWTAuth.create(server.vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    String session = currentSessionId(grace);
    List<JsonObject> incomplete = List.of(
      new JsonObject().put("sub", grace.id()).put("tid", "1"),
      new JsonObject().put("sub", grace.id()).put("jti", session),
      new JsonObject().put("sub", "grace").put("tid", "1").put("jti", session),
      new JsonObject().put("sub", grace.id()).put("tid", "1").put("jti", UUID.randomUUID().toString()),
      new JsonObject().put("sub", grace.id()).put("tid", "2").put("jti", session));
    for (JsonObject claims : incomplete) {
      String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(10));
      HttpResponse<Buffer> refused = server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
      assertError(refused, 401, "unauthenticated");
      assertTrue(BridgeClient.refusal(server, BridgeClient.Auth.bearer(token), null) != null, claims.encode());
    }
    String whole = jwt.generateToken(new JsonObject().put("sub", grace.id()).put("tid", "1").put("jti", session),
      new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(10));
    assertEquals(200, server.http.get("/api/auth/me").bearerTokenAuthentication(whole).send().await().statusCode());
  }

  @Test
  @DisplayName("rejects a malformed Authorization header with 401")
  void rejectsMalformedAuthorization() {
    for (String header : new String[] {"Bearer", "Bearer ", "Basic abc", "Bearer a b c", "garbage"}) {
      HttpResponse<Buffer> refused = server.http.get("/api/rooms").putHeader("Authorization", header).send().await();
      assertError(refused, 401, "unauthenticated");
    }
  }

  @Test
  @DisplayName("rejects a sign-in that races its account's deactivation: no session outlives it, reactivation included")
  void rejectsASignInRacingDeactivation() throws Exception {
    TestUser carol = server.register("carol");
    long carolId = Long.parseLong(carol.id());
    try (java.sql.Connection deactivation = java.sql.DriverManager.getConnection(server.database.jdbcUrl())) {
      deactivation.setAutoCommit(false);
      // A deactivation as user/Deactivation makes it: the row marked, then every session ended, not committed yet.
      try (java.sql.PreparedStatement mark = deactivation.prepareStatement("UPDATE users SET deactivated_at = now() WHERE id = ?");
           java.sql.PreparedStatement end = deactivation.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
        mark.setLong(1, carolId);
        mark.executeUpdate();
        end.setLong(1, carolId);
        end.executeUpdate();
      }
      // The login reads Carol as active (the mark is not committed) and goes on to start its session meanwhile.
      io.vertx.core.Future<HttpResponse<Buffer>> login = server.http.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", carol.username()).put("password", TestUser.PASSWORD));
      Thread.sleep(500);
      deactivation.commit();
      assertError(login.await(), 403, "account_deactivated");
    }
    assertEquals("0", server.queryOne("SELECT count(*) FROM sessions WHERE user_id = ?", carolId));
  }
}
