package parley.read;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Read cursors: chat.read, read.cursor, read.updated and who has read a message")
class ReadCursorTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static TestUser carol;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
    carol = server.register("carol");
  }

  private static JsonObject say(BridgeClient client, String room, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", room).put("content", content)).getJsonObject("message");
  }

  private static JsonObject read(String room, long seq) {
    return new JsonObject().put("roomId", room).put("seq", seq);
  }

  /** The caller's entry for a room in GET /api/rooms. */
  private static JsonObject listed(TestUser user, String room) {
    return user.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").stream().map(JsonObject.class::cast)
      .filter(entry -> entry.getString("id").equals(room)).findFirst().orElseThrow();
  }

  private static List<String> readers(TestUser user, String room, String messageId) {
    HttpResponse<Buffer> response = user.get("/api/rooms/" + room + "/messages/" + messageId + "/readers");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("readers").stream().map(r -> ((JsonObject) r).getString("id")).toList();
  }

  @Test
  @DisplayName("moves the cursor forward only, and takes a seq past the room's newest change as everything")
  void forwardOnlyAndClamped() {
    String room = alice.createRoom("cursor-room");
    bob.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      say(alices, room, "one");
      say(alices, room, "two");
      say(alices, room, "three");
      assertEquals(new JsonObject().put("roomId", room).put("seq", 2L).put("unread", 1L).put("mentions", 0L),
        bobs.request("chat.read", read(room, 2)));
      assertEquals(2L, bobs.request("chat.read", read(room, 1)).getLong("seq"), "never backwards");
      assertEquals(2L, listed(bob, room).getLong("readSeq"));
      JsonObject all = bobs.request("chat.read", read(room, 999));
      assertEquals(3L, all.getLong("seq"), "clamped to the room's last_seq");
      assertEquals(0L, all.getLong("unread"));
      assertEquals(3L, listed(bob, room).getLong("readSeq"));
      assertEquals(0L, listed(bob, room).getLong("unread"));
    }
  }

  @Test
  @DisplayName("someone who joins starts with everything before read, and sending moves one's own cursor")
  void joinersAndSendersHaveRead() {
    String room = alice.createRoom("joiners");
    try (BridgeClient alices = alice.connect()) {
      say(alices, room, "before anyone came");
      say(alices, room, "still alone");
      assertEquals(2L, listed(alice, room).getLong("readSeq"), "the sender has read their own messages");
      bob.join(room);
      JsonObject bobsView = listed(bob, room);
      assertEquals(2L, bobsView.getLong("readSeq"));
      assertEquals(0L, bobsView.getLong("unread"));
      try (BridgeClient bobs = bob.connect()) {
        say(alices, room, "welcome");
        assertEquals(1L, listed(bob, room).getLong("unread"));
        JsonObject reply = say(bobs, room, "thanks");
        assertEquals(reply.getLong("seq"), listed(bob, room).getLong("readSeq"));
        assertEquals(0L, listed(bob, room).getLong("unread"), "answering means having read what came before");
      }
    }
    HttpResponse<Buffer> added = alice.post("/api/rooms/" + room + "/members", new JsonObject().put("userId", carol.id()));
    assertEquals(200, added.statusCode(), added.bodyAsString());
    assertEquals(4L, listed(carol, room).getLong("readSeq"), "added by a member: everything before is read too");
  }

  @Test
  @DisplayName("tells the caller's other connections with read.cursor on their user address, only when it moved")
  void readCursorReachesOtherTabs() {
    String room = alice.createRoom("two-tabs");
    bob.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient tab1 = bob.connect(); BridgeClient tab2 = bob.connect()) {
      String mine = "user." + bob.id();
      tab2.register(mine);
      say(alices, room, "hello");
      long seq = say(alices, room, "@" + bob.username() + " look").getLong("seq");
      JsonObject reply = tab1.request("chat.read", read(room, seq));
      JsonObject event = tab2.next(mine, "read.cursor");
      assertEquals(reply.copy().put("type", "read.cursor"), event);
      assertEquals(0L, event.getLong("unread"));
      assertEquals(0L, event.getLong("mentions"));
      tab1.request("chat.read", read(room, seq));
      tab1.request("chat.read", read(room, 1));
      assertEquals(List.of(), tab2.drain(mine, "read.cursor", mine), "a read that moves nothing tells nobody");
    }
  }

  @Test
  @DisplayName("tells the room with read.updated at most once a second per reader, and the last one carries the latest seq")
  void readUpdatedIsThrottled() {
    String room = alice.createRoom("receipts");
    bob.join(room);
    String address = "room." + room;
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      alices.register(address);
      say(alices, room, "a");
      say(alices, room, "b");
      say(alices, room, "c");
      bobs.request("chat.read", read(room, 1));
      JsonObject first = alices.next(address, "read.updated");
      long firstAt = System.currentTimeMillis();
      assertEquals(new JsonObject().put("type", "read.updated").put("roomId", room).put("userId", bob.id()).put("seq", 1L), first);
      bobs.request("chat.read", read(room, 2));
      bobs.request("chat.read", read(room, 3));
      assertEquals(List.of(), alices.drain(address, "read.updated", address), "nothing more within the second");
      JsonObject trailing = alices.next(address, "read.updated", 3000);
      assertEquals(3L, trailing.getLong("seq"), "the trailing event carries the latest cursor");
      assertTrue(System.currentTimeMillis() - firstAt >= ReadVerticle.THROTTLE_MILLIS - 200, "came before the second was over");
      try {
        Thread.sleep(ReadVerticle.THROTTLE_MILLIS + 100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      assertEquals(List.of(), alices.drain(address, "read.updated", address), "one trailing event, not two");
    }
  }

  @Test
  @DisplayName("does not tell a room of more than 100 members about read cursors; readers are still listed")
  void noReceiptsInLargeRooms() {
    String room = alice.createRoom("town-hall");
    bob.join(room);
    for (int i = 0; i < 99; i++) {
      server.register("crowd").join(room);
    }
    assertEquals("101", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ?", Long.parseLong(room)));
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      alices.register("room." + room);
      String messageId = say(alices, room, "all hands").getString("id");
      assertEquals(1L, bobs.request("chat.read", read(room, 1)).getLong("seq"));
      assertEquals(List.of(), alices.drain("room." + room, "read.updated", "room." + room));
      assertEquals(List.of(bob.id()), readers(alice, room, messageId));
    }
  }

  @Test
  @DisplayName("lists who has read a message: members past it other than its author")
  void listsReaders() {
    String room = alice.createRoom("readers");
    bob.join(room);
    carol.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      JsonObject first = say(alices, room, "first");
      JsonObject second = say(alices, room, "second");
      assertEquals(List.of(), readers(alice, room, first.getString("id")));
      bobs.request("chat.read", read(room, first.getLong("seq")));
      assertEquals(List.of(bob.id()), readers(carol, room, first.getString("id")));
      assertEquals(List.of(), readers(carol, room, second.getString("id")));
      JsonObject reader = alice.get("/api/rooms/" + room + "/messages/" + first.getString("id") + "/readers").bodyAsJsonObject()
        .getJsonArray("readers").getJsonObject(0);
      assertEquals(new JsonObject().put("id", bob.id()).put("username", bob.username())
        .put("displayName", bob.user.getString("displayName")).put("deactivated", false), reader);
      JsonArray members = carol.get("/api/rooms/" + room + "/members").bodyAsJsonObject().getJsonArray("members");
      JsonObject bobAsMember = members.stream().map(JsonObject.class::cast).filter(m -> m.getString("id").equals(bob.id()))
        .findFirst().orElseThrow();
      assertEquals(first.getLong("seq"), bobAsMember.getLong("readSeq"), "members see each other's cursors");
    }
  }

  @Test
  @DisplayName("rejects chat.read in a room one is not in or that does not exist, and a malformed seq")
  void rejectsReadsOutside() {
    String room = alice.createRoom("closed-reads");
    try (BridgeClient bobs = bob.connect()) {
      assertEquals(new BridgeClient.Failure(403, "not_a_member"), bobs.requestFailure("chat.read", read(room, 1)));
      assertEquals(new BridgeClient.Failure(404, "room_not_found"), bobs.requestFailure("chat.read", read("987654", 1)));
      assertEquals(new BridgeClient.Failure(400, "invalid_cursor"),
        bobs.requestFailure("chat.read", new JsonObject().put("roomId", room).put("seq", -1)));
      assertEquals(new BridgeClient.Failure(400, "invalid_request"),
        bobs.requestFailure("chat.read", new JsonObject().put("roomId", room)));
    }
  }

  @Test
  @DisplayName("rejects the readers of a room one is not in, and of a message that is unknown or in another room")
  void rejectsReadersOutside() {
    String room = alice.createRoom("closed-readers");
    String other = alice.createRoom("other-readers");
    bob.join(other);
    String messageId;
    try (BridgeClient alices = alice.connect()) {
      messageId = say(alices, room, "private matters").getString("id");
    }
    HttpResponse<Buffer> outsider = bob.get("/api/rooms/" + room + "/messages/" + messageId + "/readers");
    assertEquals(403, outsider.statusCode());
    assertEquals("not_a_member", outsider.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> unknown = alice.get("/api/rooms/" + room + "/messages/987654/readers");
    assertEquals(404, unknown.statusCode());
    assertEquals("message_not_found", unknown.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> elsewhere = bob.get("/api/rooms/" + other + "/messages/" + messageId + "/readers");
    assertEquals(404, elsewhere.statusCode(), "a message of another room is not found through this one");
    assertEquals("message_not_found", elsewhere.bodyAsJsonObject().getString("error"));
  }
}
