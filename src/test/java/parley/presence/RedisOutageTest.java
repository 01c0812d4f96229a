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
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Redis of the test's own, stopped and started again, so that nobody else's Redis is disturbed. */
@ExtendWith(VertxExtension.class)
@DisplayName("Presence when Redis goes away: chat goes on, presence is unknown, then converges")
class RedisOutageTest {

  private static int port;
  private static Process redis;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startRedis();
    server = TestServer.start(vertx, PresenceContract.settings().put("REDIS_URL", "redis://127.0.0.1:" + port));
    server.register("admin");
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.destroyForcibly();
    }
  }

  private static void startRedis() throws Exception {
    redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
      "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        Thread.sleep(50);
      }
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

      redis.destroyForcibly().waitFor();
      assertEquals(Set.of("unknown"), states(alices));
      assertEquals("unknown", alices.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(alice.id())))
        .getJsonArray("users").getJsonObject(0).getString("state"));
      JsonObject sent = alices.request("chat.send", new JsonObject().put("roomId", general).put("content", "still here"))
        .getJsonObject("message");
      JsonArray history = alices.request("chat.history", new JsonObject().put("roomId", general)).getJsonArray("messages");
      assertEquals(sent.getString("id"), history.getJsonObject(history.size() - 1).getString("id"));

      startRedis();
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
