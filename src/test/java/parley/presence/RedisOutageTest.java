package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestRedis;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Redis of the test's own, stopped and started again. */
@ExtendWith(VertxExtension.class)
@DisplayName("Presence when Redis goes away: chat goes on, presence is unknown, then converges")
class RedisOutageTest {

  private static TestRedis redis;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = TestRedis.start();
    server = TestServer.start(vertx, PresenceContract.settings().put("REDIS_URL", redis.url()));
    server.register("admin");
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private static Set<String> states(BridgeClient client) {
    JsonArray users = client.request("presence.list", new JsonObject()).getJsonArray("users");
    return users.stream().map(JsonObject.class::cast).map(user -> user.getString("state")).collect(Collectors.toSet());
  }

  private static String stateOf(BridgeClient client, TestUser user) {
    return client.request("presence.list", new JsonObject()).getJsonArray("users").stream().map(JsonObject.class::cast)
      .filter(entry -> entry.getString("userId").equals(user.id())).findFirst().orElseThrow().getString("state");
  }

  @Test
  @DisplayName("messages and history keep working without Redis; presence answers unknown; back online once it returns")
  void outage() throws Exception {
    TestUser alice = server.register("alice");
    try (BridgeClient alices = alice.connect()) {
      String general = alice.generalRoomId();
      assertEquals("online", stateOf(alices, alice));

      redis.stop();
      assertEquals(Set.of("unknown"), states(alices));
      assertEquals("unknown", alices.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(alice.id())))
        .getJsonArray("users").getJsonObject(0).getString("state"));
      JsonObject sent = alices.request("chat.send", new JsonObject().put("roomId", general).put("content", "still here"))
        .getJsonObject("message");
      JsonArray history = alices.request("chat.history", new JsonObject().put("roomId", general)).getJsonArray("messages");
      assertEquals(sent.getString("id"), history.getJsonObject(history.size() - 1).getString("id"));

      redis.startAgain();
      long deadline = System.currentTimeMillis() + 20_000;
      String state = "unknown";
      while (!state.equals("online") && System.currentTimeMillis() < deadline) {
        alices.ping();
        Thread.sleep(500);
        state = stateOf(alices, alice);
      }
      assertEquals("online", state, "the socket's next signs of life put it back");
    }
  }
}
