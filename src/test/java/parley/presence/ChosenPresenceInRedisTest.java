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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Presence in a Redis of the test's own, which restarts empty, or refuses writes, while Parley runs on. */
@ExtendWith(VertxExtension.class)
@DisplayName("What people chose outlives a Redis that restarts empty or refuses writes for a while")
class ChosenPresenceInRedisTest extends ChosenPresenceContract {

  private static TestRedis redis;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = TestRedis.start();
    server = TestServer.start(vertx, new JsonObject().put("REDIS_URL", redis.url()));
    server.register("admin");
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  void forgetPresence() throws Exception {
    redis.restart();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!presenceAnswers()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("presence did not reach the restarted Redis");
      }
      Thread.sleep(100);
    }
  }

  /** Asking who is connected fails while presence cannot reach its store, and reads nothing that was chosen. */
  private static boolean presenceAnswers() {
    return Connected.among(server.vertx, 1, List.of(1L)).map(connected -> true).otherwise(false).await();
  }

  @Test
  @DisplayName("a choice made while Redis refuses writes is kept, answered unknown, and told once Redis takes writes again")
  void choiceWhileRedisRefusesWrites() throws Exception {
    TestUser alice = server.register("alice");
    TestUser dave = server.register("dave");
    try (BridgeClient alices = alice.connect(); BridgeClient daves = dave.connect()) {
      daves.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(alice.id())));
      redis.refuseWrites(true);
      try {
        JsonObject set = alices.request("presence.set", new JsonObject().put("state", "dnd").put("text", "Focus time"))
          .getJsonObject("presence");
        assertEquals(List.of("unknown", "Focus time"), List.of(set.getString("state"), set.getString("text")));
      } finally {
        redis.refuseWrites(false);
      }
      long deadline = System.currentTimeMillis() + 10_000;
      String told = "nothing";
      while (!told.equals("dnd Focus time") && System.currentTimeMillis() < deadline) {
        for (Object user : daves.next("user." + dave.id(), "presence.changed", deadline - System.currentTimeMillis()).getJsonArray("users")) {
          if (((JsonObject) user).getString("userId").equals(alice.id())) {
            told = ((JsonObject) user).getString("state") + " " + ((JsonObject) user).getString("text");
          }
        }
      }
      assertEquals("dnd Focus time", told);
    }
  }
}
