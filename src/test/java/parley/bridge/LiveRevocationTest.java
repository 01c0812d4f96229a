package parley.bridge;

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

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@DisplayName("Leaving a room takes effect on open connections at once")
class LiveRevocationTest {

  private static TestServer server;
  private static TestUser owner;
  private static TestUser leaver;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    owner = server.register("owner");
    leaver = server.register("leaver");
  }

  @Test
  @DisplayName("rejects delivering room events to a connection whose user left, until they join and register again")
  void rejectsEventsAfterLeave() {
    String room = owner.createRoom("ops");
    leaver.join(room);
    try (BridgeClient owners = owner.connect(); BridgeClient leavers = leaver.connect()) {
      leavers.register("room." + room);
      leavers.register("user." + leaver.id());
      owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "while you are here"));
      leavers.next("room." + room, "message.new");

      assertEquals(200, leaver.post("/api/rooms/" + room + "/leave", new JsonObject()).statusCode());
      assertEquals(room, leavers.next("user." + leaver.id(), "room.left").getString("roomId"));
      owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "after you left"));
      assertEquals(0, leavers.drain("room." + room, "message.new", "user." + leaver.id()).size());
      assertEquals(new BridgeClient.Failure(403, "not_a_member"),
        leavers.requestFailure("chat.send", new JsonObject().put("roomId", room).put("content", "still here?")));
      assertEquals("rejected", leavers.registerRefused("room." + room).getString("body"));

      leaver.join(room);
      leavers.sendFrame(new JsonObject().put("type", "unregister").put("address", "room." + room));
      leavers.register("room." + room);
      owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "welcome back"));
      assertEquals("welcome back", leavers.next("room." + room, "message.new").getJsonObject("message").getString("content"));
    }
  }

  @Test
  @DisplayName("rejects a kicked member: their open socket stops receiving the room at once, and registering it again is refused")
  void rejectsAfterKick() {
    TestUser kicked = server.register("kicked");
    String room = owner.createRoom("moderated", kicked);
    try (BridgeClient owners = owner.connect(); BridgeClient kickeds = kicked.connect()) {
      kickeds.register("room." + room);
      kickeds.register("user." + kicked.id());
      owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "before the kick"));
      kickeds.next("room." + room, "message.new");

      assertEquals(200, owner.delete("/api/rooms/" + room + "/members/" + kicked.id()).statusCode());
      assertEquals(room, kickeds.next("user." + kicked.id(), "kicked").getString("roomId"));
      owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "after the kick"));
      assertEquals(0, kickeds.drain("room." + room, "message.new", "user." + kicked.id()).size());
      assertEquals("rejected", kickeds.registerRefused("room." + room).getString("body"));
      try (BridgeClient again = kicked.connect()) {
        assertEquals("rejected", again.registerRefused("room." + room).getString("body"));
      }
    }
  }

  @Test
  @DisplayName("rejects delivering events of a deleted room")
  void rejectsEventsOfDeletedRoom() {
    String room = owner.createRoom("temporary");
    try (BridgeClient owners = owner.connect()) {
      owners.register("room." + room);
      owners.register("user." + owner.id());
      assertEquals(200, owner.delete("/api/rooms/" + room).statusCode());
      owners.next("room." + room, "room.deleted");
      server.vertx.eventBus().publish("room." + room, new JsonObject().put("type", "message.new"));
      assertEquals(0, owners.drain("room." + room, "message.new", "user." + owner.id()).size());
    }
  }
}
