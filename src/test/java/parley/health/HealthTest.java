package parley.health;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestRedis;
import parley.testing.TestServer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.health.HealthAnswers.awaitAnswer;
import static parley.health.HealthAnswers.check;
import static parley.health.HealthAnswers.get;
import static parley.health.HealthAnswers.state;

/** A whole server's health routes, with a Redis of the test's own that the test stops. */
@ExtendWith(VertxExtension.class)
@DisplayName("The health routes of a running server")
class HealthTest {

  private static final String JWT_SECRET = "health-test-secret-0123456789-abcdefghij";

  private static TestRedis redis;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = TestRedis.start();
    server = TestServer.start(vertx, new JsonObject().put("REDIS_URL", redis.url()).put("JWT_SECRET", JWT_SECRET));
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @DisplayName("live answers 200 with its check UP")
  void live() {
    HttpResponse<Buffer> live = get(server.http, HealthRoutes.LIVE);
    assertEquals(200, live.statusCode());
    assertEquals("UP", live.bodyAsJsonObject().getString("outcome"));
    assertEquals("UP", state(live, "process"));
  }

  @Test
  @DisplayName("ready answers 200 once started, with the start-up, shutdown, database and Redis checks UP, in that order")
  void ready() throws Exception {
    HttpResponse<Buffer> ready = awaitAnswer(server.http, HealthRoutes.READY, answer -> answer.statusCode() == 200
      && state(answer, "redis").equals("UP"));
    assertEquals("UP", ready.bodyAsJsonObject().getString("outcome"));
    assertEquals(List.of("startup", "shutdown", "database", "redis"),
      ready.bodyAsJsonObject().getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("id")).toList());
    for (String id : List.of("startup", "shutdown", "database", "redis")) {
      assertEquals("UP", state(ready, id), id);
    }
    assertEquals(false, check(ready, "redis").getJsonObject("data").getBoolean("required"));
  }

  @Test
  @DisplayName("with Redis stopped, ready still answers 200, its Redis check DOWN with a reason")
  void redisDown() throws Exception {
    redis.stop();
    try {
      HttpResponse<Buffer> ready = awaitAnswer(server.http, HealthRoutes.READY, answer -> state(answer, "redis").equals("DOWN"));
      assertEquals(200, ready.statusCode(), ready.bodyAsString());
      assertEquals("UP", ready.bodyAsJsonObject().getString("outcome"));
      assertEquals("UP", state(ready, "database"));
      JsonObject data = check(ready, "redis").getJsonObject("data");
      assertFalse(data.getString("reason", "").isBlank(), "the check says why: " + data);
      assertEquals(false, data.getBoolean("required"));
    } finally {
      redis.startAgain();
    }
    awaitAnswer(server.http, HealthRoutes.READY, answer -> state(answer, "redis").equals("UP"));
  }

  @Test
  @DisplayName("answers without a token, a cookie or an Origin, and with a foreign Origin, where /api needs a session")
  void noAuthentication() {
    assertEquals(401, server.http.get("/api/users/me").send().await().statusCode(), "the API itself needs a session");
    for (String path : List.of(HealthRoutes.LIVE, HealthRoutes.READY)) {
      assertEquals(200, get(server.http, path).statusCode(), path);
      HttpResponse<Buffer> foreign = server.http.get(path).putHeader("Origin", "https://evil.example").send().await();
      assertEquals(200, foreign.statusCode(), path + " with a foreign Origin");
      assertNull(foreign.getHeader("Set-Cookie"), path + " sets no cookie");
    }
  }

  @Test
  @DisplayName("rejects putting settings, secrets, addresses or exception text in a health answer, even when a check fails")
  void rejectsPrivateDetails() throws Exception {
    redis.stop();
    try {
      HttpResponse<Buffer> ready = awaitAnswer(server.http, HealthRoutes.READY, answer -> state(answer, "redis").equals("DOWN"));
      String answers = ready.bodyAsString() + get(server.http, HealthRoutes.LIVE).bodyAsString();
      List<String> privateDetails = List.of(JWT_SECRET, redis.url(), Integer.toString(redis.port),
        server.database.toUrl(), Integer.toString(server.database.port()), "127.0.0.1", "localhost", "Exception",
        "refused", "REDIS_URL", "DATABASE_URL", "JWT_SECRET", server.database.user() + ":");
      for (String detail : privateDetails) {
        assertFalse(answers.contains(detail), "a health answer shows " + detail + ": " + answers);
      }
    } finally {
      redis.startAgain();
    }
  }
}
