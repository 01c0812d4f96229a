package parley.typing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Typing indicators")
class TypingTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
  }

  private static JsonObject typing(String room, boolean typing) {
    return new JsonObject().put("roomId", room).put("typing", typing);
  }

  @Test
  @DisplayName("tells the room who is typing, throttles refreshes, and says when they stop; nothing is stored")
  void typingReachesTheRoom() {
    String room = alice.createRoom("typing-room");
    bob.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      alices.request("chat.typing", typing(room, true));
      JsonObject started = bobs.next("room." + room, "typing");
      assertEquals(alice.id(), started.getString("userId"));
      assertEquals(alice.user.getString("displayName"), started.getString("displayName"));
      assertTrue(started.getBoolean("typing"));

      alices.request("chat.typing", typing(room, true));
      alices.request("chat.typing", typing(room, true));
      assertEquals(List.of(), bobs.drain("room." + room, "typing", "room." + room), "refreshes within 2 s are not told");

      alices.request("chat.typing", typing(room, false));
      assertFalse(bobs.next("room." + room, "typing").getBoolean("typing"));
      assertEquals("0", server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
    }
  }

  @Test
  @DisplayName("a stop sent right after a start, before the start is answered, still ends the typing state")
  void stopRightAfterStart() throws Exception {
    String room = alice.createRoom("quick-typist", bob);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      for (int i = 0; i < 5; i++) {
        var started = alices.requestAsync("chat.typing", typing(room, true), null);
        var stopped = alices.requestAsync("chat.typing", typing(room, false), null);
        started.get(5, java.util.concurrent.TimeUnit.SECONDS);
        stopped.get(5, java.util.concurrent.TimeUnit.SECONDS);
        List<JsonObject> told = bobs.drain("room." + room, "typing", "room." + room);
        assertTrue(told.isEmpty() || !told.get(told.size() - 1).getBoolean("typing"), "round " + i + " ended with " + told);
      }
    }
  }

  @Test
  @DisplayName("a typing state that is not refreshed ends by itself after about 6 s")
  void typingExpires() {
    String room = alice.createRoom("expiring");
    bob.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      long before = System.currentTimeMillis();
      alices.request("chat.typing", typing(room, true));
      assertTrue(bobs.next("room." + room, "typing").getBoolean("typing"));
      JsonObject ended = bobs.next("room." + room, "typing", 15_000);
      assertFalse(ended.getBoolean("typing"));
      assertTrue(System.currentTimeMillis() - before >= TypingVerticle.EXPIRE_MILLIS - 100, "ended too early");
    }
  }

  @Test
  @DisplayName("rejects typing in a room one is not in, and a malformed request")
  void rejectsOutsiders() {
    String room = alice.createRoom("closed-typing");
    try (BridgeClient bobs = bob.connect(); BridgeClient alices = alice.connect()) {
      alices.register("room." + room);
      assertEquals(new BridgeClient.Failure(403, "not_a_member"), bobs.requestFailure("chat.typing", typing(room, true)));
      assertEquals(new BridgeClient.Failure(400, "invalid_request"),
        bobs.requestFailure("chat.typing", new JsonObject().put("roomId", room).put("typing", "yes")));
      assertEquals(List.of(), alices.drain("room." + room, "typing", "room." + room));
    }
  }

  @Test
  @DisplayName("rejects typing from someone who left the room, at once")
  void rejectsLeaver() {
    String room = alice.createRoom("left-typing");
    bob.join(room);
    try (BridgeClient bobs = bob.connect(); BridgeClient alices = alice.connect()) {
      alices.register("room." + room);
      bobs.request("chat.typing", typing(room, true));
      assertTrue(alices.next("room." + room, "typing").getBoolean("typing"));
      bobs.request("chat.typing", typing(room, false));
      assertFalse(alices.next("room." + room, "typing").getBoolean("typing"));

      assertEquals(200, bob.post("/api/rooms/" + room + "/leave", new JsonObject()).statusCode());
      alices.next("room." + room, "member.left");
      assertEquals(new BridgeClient.Failure(403, "not_a_member"), bobs.requestFailure("chat.typing", typing(room, true)));
      assertEquals(List.of(), alices.drain("room." + room, "typing", "room." + room));
    }
  }
}
