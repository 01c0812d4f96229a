package parley.room;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Rooms over REST")
class RoomApiTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser moderator;
  private static TestUser member;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    moderator = server.register("mod");
    member = server.register("member");
    server.setRole(moderator, "moderator");
    general = roomIds(member.get("/api/rooms")).get(0);
  }

  private static List<String> roomIds(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray rooms = response.bodyAsJsonObject().getJsonArray("rooms");
    return rooms.stream().map(room -> ((JsonObject) room).getString("id")).toList();
  }

  @Test
  @DisplayName("every user starts in #general, which is listed first and marked default")
  void everyoneInGeneral() {
    JsonObject first = member.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").getJsonObject(0);
    assertEquals("general", first.getString("name"));
    assertTrue(first.getBoolean("default"));
    assertEquals(3, member.get("/api/rooms/" + general + "/members").bodyAsJsonObject().getJsonArray("members").size());
  }

  @Test
  @DisplayName("a moderator creates a room and is its first member; the name is unique per tenant")
  void moderatorCreatesRoom() {
    HttpResponse<Buffer> created = moderator.post("/api/rooms",
      new JsonObject().put("name", "design").put("description", "Pixels and pens"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getJsonObject("room").getString("id");
    assertTrue(roomIds(moderator.get("/api/rooms")).contains(id));
    assertError(admin.post("/api/rooms", new JsonObject().put("name", "DESIGN")), 409, "room_name_taken");
  }

  @Test
  @DisplayName("rejects room creation by a member")
  void rejectsCreateByMember() {
    assertError(member.post("/api/rooms", new JsonObject().put("name", "mine")), 403, "forbidden");
  }

  @Test
  @DisplayName("rejects bad room names and descriptions")
  void rejectsBadRoomInput() {
    assertError(admin.post("/api/rooms", new JsonObject().put("name", "has space")), 400, "invalid_room_name");
    assertError(admin.post("/api/rooms", new JsonObject().put("name", "")), 400, "invalid_room_name");
    assertError(admin.post("/api/rooms", new JsonObject().put("name", 7)), 400, "invalid_room_name");
    assertError(admin.post("/api/rooms", new JsonObject().put("name", "ok").put("description", "x".repeat(501))), 400, "invalid_description");
    assertError(admin.post("/api/rooms", new JsonObject().put("name", "ok").put("private", "yes")), 400, "invalid_request");
  }

  @Test
  @DisplayName("browse lists public rooms with a joined flag; joining adds the room and tells the room")
  void browseAndJoin() {
    String lobby = admin.createRoom("lobby");
    String hidden = admin.post("/api/rooms", new JsonObject().put("name", "hidden").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    JsonArray browse = member.get("/api/rooms/browse").bodyAsJsonObject().getJsonArray("rooms");
    JsonObject lobbyEntry = browse.stream().map(JsonObject.class::cast).filter(r -> r.getString("id").equals(lobby)).findFirst().orElseThrow();
    assertFalse(lobbyEntry.getBoolean("joined"));
    assertEquals(1, lobbyEntry.getLong("memberCount"));
    assertTrue(browse.stream().map(JsonObject.class::cast).noneMatch(r -> r.getString("id").equals(hidden)));

    try (BridgeClient watcher = admin.connect()) {
      watcher.register("room." + lobby);
      member.join(lobby);
      JsonObject joined = watcher.next("room." + lobby, "member.joined");
      assertEquals(member.id(), joined.getJsonObject("user").getString("id"));
    }
    assertTrue(roomIds(member.get("/api/rooms")).contains(lobby));
    member.join(lobby);
    assertEquals(2, member.get("/api/rooms/" + lobby + "/members").bodyAsJsonObject().getJsonArray("members").size());
  }

  @Test
  @DisplayName("rejects joining a private room and reading its members, answering as if it did not exist")
  void rejectsPrivateRoom() {
    String secret = admin.post("/api/rooms", new JsonObject().put("name", "secret").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    assertError(member.post("/api/rooms/" + secret + "/join", new JsonObject()), 404, "room_not_found");
    assertError(member.get("/api/rooms/" + secret + "/members"), 404, "room_not_found");
    assertError(member.get("/api/rooms/" + secret + "/messages"), 403, "not_a_member");
  }

  @Test
  @DisplayName("leaving a room removes it and tells the room; rejects leaving #general or a room one is not in")
  void leave() {
    String book = admin.createRoom("bookclub");
    member.join(book);
    HttpResponse<Buffer> left = member.post("/api/rooms/" + book + "/leave", new JsonObject());
    assertEquals(200, left.statusCode(), left.bodyAsString());
    assertFalse(roomIds(member.get("/api/rooms")).contains(book));
    assertError(member.post("/api/rooms/" + book + "/leave", new JsonObject()), 403, "not_a_member");
    assertError(member.post("/api/rooms/" + general + "/leave", new JsonObject()), 403, "default_room");
  }

  @Test
  @DisplayName("a superadmin deletes a room; rejects deletion by a moderator and of #general")
  void delete() {
    String doomed = moderator.createRoom("doomed");
    assertError(moderator.delete("/api/rooms/" + doomed), 403, "forbidden");
    assertError(admin.delete("/api/rooms/" + general), 403, "default_room");
    member.join(doomed);
    try (BridgeClient watcher = moderator.connect(); BridgeClient notFollowing = member.connect()) {
      watcher.register("room." + doomed);
      notFollowing.register("user." + member.id());
      assertEquals(200, admin.delete("/api/rooms/" + doomed).statusCode());
      watcher.next("room." + doomed, "room.deleted");
      assertEquals(doomed, notFollowing.next("user." + member.id(), "room.deleted").getString("roomId"));
    }
    assertError(admin.delete("/api/rooms/" + doomed), 404, "room_not_found");
    assertFalse(roomIds(moderator.get("/api/rooms")).contains(doomed));
  }

  @Test
  @DisplayName("unknown and malformed room ids get 404 and 400, unknown API paths 404")
  void unknownRooms() {
    assertError(member.post("/api/rooms/424242/join", new JsonObject()), 404, "room_not_found");
    assertError(member.post("/api/rooms/abc/join", new JsonObject()), 400, "invalid_id");
    assertError(member.get("/api/rooms/424242/messages"), 404, "room_not_found");
    assertError(member.get("/api/nothing-here"), 404, "not_found");
  }

  @Test
  @DisplayName("history pages backwards with before and limit, oldest first within a page")
  void historyPages() {
    String log = admin.createRoom("log");
    try (BridgeClient client = admin.connect()) {
      for (int i = 1; i <= 7; i++) {
        client.request("chat.send", new JsonObject().put("roomId", log).put("content", "line " + i));
      }
    }
    JsonObject latest = admin.get("/api/rooms/" + log + "/messages?limit=3").bodyAsJsonObject();
    assertEquals(List.of(5L, 6L, 7L), seqs(latest));
    assertTrue(latest.getBoolean("more"));
    JsonObject older = admin.get("/api/rooms/" + log + "/messages?limit=3&before=5").bodyAsJsonObject();
    assertEquals(List.of(2L, 3L, 4L), seqs(older));
    JsonObject oldest = admin.get("/api/rooms/" + log + "/messages?limit=3&before=2").bodyAsJsonObject();
    assertEquals(List.of(1L), seqs(oldest));
    assertFalse(oldest.getBoolean("more"));
    assertError(admin.get("/api/rooms/" + log + "/messages?limit=0"), 400, "invalid_limit");
    assertError(admin.get("/api/rooms/" + log + "/messages?limit=101"), 400, "invalid_limit");
    assertError(admin.get("/api/rooms/" + log + "/messages?before=-1"), 400, "invalid_cursor");
  }

  static List<Long> seqs(JsonObject page) {
    return page.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
  }
}
