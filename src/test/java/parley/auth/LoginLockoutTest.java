package parley.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@DisplayName("Wrong passwords, counted per account")
class LoginLockoutTest {

  private static final Map<String, TestServer> SERVERS = new java.util.HashMap<>();
  private static final Map<String, Vertx> VERTICES = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    JsonObject lockAfterThree = new JsonObject().put("LOGIN_LOCK_AFTER_FAILURES", 3).put("LOGIN_LOCK_SECONDS", 1);
    VERTICES.put("memory", Vertx.vertx());
    VERTICES.put("redis", Vertx.vertx());
    SERVERS.put("memory", TestServer.start(VERTICES.get("memory"), lockAfterThree));
    SERVERS.put("redis", TestServer.start(VERTICES.get("redis"), lockAfterThree.copy().put("REDIS_URL", "redis://127.0.0.1:6379")
      .put("REDIS_KEY_PREFIX", "parley-lockout-test-" + UUID.randomUUID() + ":")));
  }

  @AfterAll
  static void stop() {
    VERTICES.values().forEach(vertx -> vertx.close().await());
  }

  private static HttpResponse<Buffer> login(TestServer server, String username, String password, String asToken) {
    HttpRequest<Buffer> request = server.http.post("/api/auth/login");
    if (asToken != null) {
      request.bearerTokenAuthentication(asToken);
    }
    return request.sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "kept in {0}")
  @ValueSource(strings = {"memory", "redis"})
  @DisplayName("rejects every login of an account after its wrong passwords, for a time that grows; its own live session still signs in")
  void rejectsGuessing(String store) {
    TestServer server = SERVERS.get(store);
    TestUser owner = server.register("owner");
    for (int i = 0; i < 3; i++) {
      assertError(login(server, owner.username(), "guess " + i, null), 401, "invalid_credentials");
    }
    HttpResponse<Buffer> locked = login(server, owner.username(), TestUser.PASSWORD, null);
    assertError(locked, 429, "rate_limited");
    assertEquals("1", locked.getHeader("Retry-After"));
    assertEquals(200, login(server, owner.username(), TestUser.PASSWORD, owner.token).statusCode(),
      "the owner, signed in already, is not held back");

    sleep(1100);
    assertError(login(server, owner.username(), "one more guess", null), 401, "invalid_credentials");
    HttpResponse<Buffer> longer = login(server, owner.username(), TestUser.PASSWORD, null);
    assertError(longer, 429, "rate_limited");
    assertEquals("2", longer.getHeader("Retry-After"));

    sleep(2100);
    assertEquals(200, login(server, owner.username(), TestUser.PASSWORD, null).statusCode());
    assertError(login(server, owner.username(), "a fresh count", null), 401, "invalid_credentials");
    assertEquals(200, login(server, owner.username(), TestUser.PASSWORD, null).statusCode());
  }

  @ParameterizedTest(name = "kept in {0}")
  @ValueSource(strings = {"memory", "redis"})
  @DisplayName("rejects guessing at a username nobody has with the same answers, and locks no one else")
  void rejectsGuessingAtNobody(String store) {
    TestServer server = SERVERS.get(store);
    TestUser bystander = server.register("bystander");
    String nobody = "nobody_" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 3; i++) {
      assertError(login(server, nobody, "guess " + i, null), 401, "invalid_credentials");
    }
    HttpResponse<Buffer> locked = login(server, nobody, "guess 4", null);
    assertError(locked, 429, "rate_limited");
    assertTrue(locked.getHeader("Retry-After") != null);
    assertEquals(200, login(server, bystander.username(), TestUser.PASSWORD, null).statusCode());
  }

  @ParameterizedTest(name = "kept in {0}")
  @ValueSource(strings = {"memory", "redis"})
  @DisplayName("rejects a session of someone else as a way past the lock")
  void rejectsOthersSession(String store) {
    TestServer server = SERVERS.get(store);
    TestUser target = server.register("target");
    TestUser attacker = server.register("attacker");
    for (int i = 0; i < 3; i++) {
      login(server, target.username(), "guess " + i, null);
    }
    assertError(login(server, target.username(), TestUser.PASSWORD, attacker.token), 429, "rate_limited");
  }
}
