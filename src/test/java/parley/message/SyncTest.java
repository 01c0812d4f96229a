package parley.message;

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
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Catching up after a disconnect with chat.sync")
class SyncTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
  }

  private static List<Long> seqs(JsonObject page) {
    return page.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
  }

  private static void say(BridgeClient client, String room, String content) {
    client.request("chat.send", new JsonObject().put("roomId", room).put("content", content));
  }

  @Test
  @DisplayName("returns exactly the messages missed while disconnected, in every room, in one request")
  void returnsExactlyTheMissedMessages() {
    String north = alice.createRoom("north");
    String south = alice.createRoom("south");
    String quiet = alice.createRoom("quiet");
    bob.join(north);
    bob.join(south);
    bob.join(quiet);
    long seen;
    try (BridgeClient bobs = bob.connect(); BridgeClient alices = alice.connect()) {
      bobs.register("room." + north);
      say(alices, north, "before 1");
      say(alices, north, "before 2");
      seen = bobs.next("room." + north, "message.new").getJsonObject("message").getLong("seq");
      seen = Math.max(seen, bobs.next("room." + north, "message.new").getJsonObject("message").getLong("seq"));
    }
    try (BridgeClient alices = alice.connect()) {
      say(alices, north, "missed 1");
      say(alices, south, "missed in south");
      say(alices, north, "missed 2");
    }
    try (BridgeClient bobs = bob.connect()) {
      JsonObject rooms = bobs.request("chat.sync", new JsonObject().put("cursors",
        new JsonObject().put(north, seen).put(south, 0).put(quiet, 0))).getJsonObject("rooms");
      assertEquals(List.of(3L, 4L), seqs(rooms.getJsonObject(north)));
      assertEquals("missed 1", rooms.getJsonObject(north).getJsonArray("messages").getJsonObject(0).getString("content"));
      assertEquals(List.of(1L), seqs(rooms.getJsonObject(south)));
      assertEquals(List.of(), seqs(rooms.getJsonObject(quiet)));
      assertFalse(rooms.getJsonObject(north).getBoolean("more"));
    }
  }

  @Test
  @DisplayName("caps each room at 200 with more: true, and the rest pages in from the new cursor")
  void capsAt200() {
    String busy = alice.createRoom("busy");
    try (BridgeClient alices = alice.connect()) {
      for (int i = 1; i <= 205; i++) {
        say(alices, busy, "n" + i);
      }
      JsonObject first = alices.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(busy, 0)))
        .getJsonObject("rooms").getJsonObject(busy);
      assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), seqs(first));
      assertTrue(first.getBoolean("more"));
      JsonObject rest = alices.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(busy, 200)))
        .getJsonObject("rooms").getJsonObject(busy);
      assertEquals(List.of(201L, 202L, 203L, 204L, 205L), seqs(rest));
      assertFalse(rest.getBoolean("more"));
    }
  }

  @Test
  @DisplayName("rejects reading rooms the caller is not in: they are left out of the answer")
  void rejectsForeignRooms() {
    String closed = alice.createRoom("closed");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      say(alices, closed, "not for bob");
      JsonObject rooms = bobs.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(closed, 0)))
        .getJsonObject("rooms");
      assertFalse(rooms.containsKey(closed), rooms.encode());
      assertEquals(new BridgeClient.Failure(403, "not_a_member"),
        bobs.requestFailure("chat.history", new JsonObject().put("roomId", closed)));
    }
  }

  @Test
  @DisplayName("rejects malformed cursors with a clear error")
  void rejectsBadCursors() {
    try (BridgeClient alices = alice.connect()) {
      assertEquals(new BridgeClient.Failure(400, "invalid_request"),
        alices.requestFailure("chat.sync", new JsonObject().put("cursors", "all")));
      assertEquals(new BridgeClient.Failure(400, "invalid_cursor"),
        alices.requestFailure("chat.sync", new JsonObject().put("cursors", new JsonObject().put("1", -4))));
      assertEquals(new BridgeClient.Failure(400, "invalid_id"),
        alices.requestFailure("chat.sync", new JsonObject().put("cursors", new JsonObject().put("general", 0))));
    }
  }
}
