package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Direct messages and groups")
class ConversationTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser alice;
  private static TestUser bob;
  private static TestUser carol;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    alice = server.register("alice", "Alice A.");
    bob = server.register("bob", "Bob B.");
    carol = server.register("carol", "Carol C.");
  }

  private static HttpResponse<Buffer> dm(TestUser from, Object userId) {
    return from.post("/api/dms", new JsonObject().put("userId", userId));
  }

  private static JsonObject dmRoom(TestUser from, TestUser with) {
    HttpResponse<Buffer> response = dm(from, with.id());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("room");
  }

  private static HttpResponse<Buffer> group(TestUser from, List<TestUser> with, String name) {
    JsonObject body = new JsonObject().put("userIds", new JsonArray(with.stream().map(TestUser::id).toList()));
    if (name != null) {
      body.put("name", name);
    }
    return from.post("/api/groups", body);
  }

  private static JsonObject groupRoom(TestUser from, List<TestUser> with, String name) {
    HttpResponse<Buffer> response = group(from, with, name);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("room");
  }

  private static Set<String> memberIds(JsonObject room) {
    return room.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("id")).collect(Collectors.toSet());
  }

  /** The room as GET /api/rooms lists it, less the caller's read state (which events about the room do not carry). */
  private static JsonObject listed(TestUser user, String roomId) {
    JsonObject room = user.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").stream().map(JsonObject.class::cast)
      .filter(candidate -> candidate.getString("id").equals(roomId)).findFirst().orElse(null);
    if (room != null) {
      List.of("readSeq", "unread", "mentions").forEach(room::remove);
    }
    return room;
  }

  @Test
  @DisplayName("a DM is made on first use and found again after that, from either side")
  void oneDmPerPair() {
    TestUser dave = server.register("dave", "Dave D.");
    HttpResponse<Buffer> first = dm(alice, dave.id());
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertTrue(first.bodyAsJsonObject().getBoolean("created"));
    JsonObject room = first.bodyAsJsonObject().getJsonObject("room");
    assertEquals("dm", room.getString("kind"));
    assertTrue(room.getBoolean("private"));
    assertEquals(Set.of(alice.id(), dave.id()), memberIds(room));
    JsonObject daveAsMember = room.getJsonArray("members").stream().map(JsonObject.class::cast)
      .filter(m -> m.getString("id").equals(dave.id())).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("id", dave.id()).put("username", dave.username()).put("displayName", "Dave D.")
      .put("deactivated", false), daveAsMember);

    HttpResponse<Buffer> again = dm(alice, dave.id());
    assertFalse(again.bodyAsJsonObject().getBoolean("created"));
    assertEquals(room, again.bodyAsJsonObject().getJsonObject("room"));
    HttpResponse<Buffer> fromDave = dm(dave, Long.parseLong(alice.id()));
    assertFalse(fromDave.bodyAsJsonObject().getBoolean("created"));
    assertEquals(room.getString("id"), fromDave.bodyAsJsonObject().getJsonObject("room").getString("id"));
    assertEquals(room, listed(dave, room.getString("id")));
    assertEquals(room, listed(alice, room.getString("id")));
  }

  @Test
  @DisplayName("two people starting the same DM at the same moment get one room")
  void concurrentDms() {
    TestUser erin = server.register("erin");
    TestUser frank = server.register("frank");
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      TestUser from = i % 2 == 0 ? erin : frank;
      TestUser to = i % 2 == 0 ? frank : erin;
      racing.add(from.request(HttpMethod.POST, "/api/dms").sendJsonObject(new JsonObject().put("userId", to.id())));
    }
    Future.all(racing).await();
    Set<String> ids = racing.stream().map(f -> f.result().bodyAsJsonObject().getJsonObject("room").getString("id")).collect(Collectors.toSet());
    assertEquals(1, ids.size());
    assertEquals(1, racing.stream().filter(f -> f.result().bodyAsJsonObject().getBoolean("created")).count());
    assertEquals("1", server.queryOne("SELECT count(*) FROM rooms WHERE kind = 'dm' AND dm_key = ?",
      Math.min(Long.parseLong(erin.id()), Long.parseLong(frank.id())) + ":" + Math.max(Long.parseLong(erin.id()), Long.parseLong(frank.id()))));
    assertEquals("2", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ?", Long.parseLong(ids.iterator().next())));
  }

  @Test
  @DisplayName("the other person hears conversation.created at once, and can then follow the DM and read what is sent")
  void dmAppearsLive() {
    TestUser gina = server.register("gina", "Gina G.");
    try (BridgeClient ginas = gina.connect(); BridgeClient alices = alice.connect()) {
      ginas.register("user." + gina.id());
      alices.register("user." + alice.id());
      JsonObject room = dmRoom(alice, gina);
      String roomId = room.getString("id");
      JsonObject created = ginas.next("user." + gina.id(), "conversation.created");
      assertEquals(room, created.getJsonObject("room"));
      assertEquals(room, alices.next("user." + alice.id(), "conversation.created").getJsonObject("room"), "the creator's other tabs hear it too");

      ginas.register("room." + roomId);
      alices.request("chat.send", new JsonObject().put("roomId", roomId).put("content", "hi Gina"));
      assertEquals("hi Gina", ginas.next("room." + roomId, "message.new").getJsonObject("message").getString("content"));

      dmRoom(gina, alice);
      assertEquals(List.of(), ginas.drain("user." + gina.id(), "conversation.created", "user." + gina.id()),
        "asking for an existing DM tells nobody");
    }
  }

  @Test
  @DisplayName("sending, history, sync and typing work in a DM and a group as in a channel")
  void chatWorksForEveryKind() {
    for (JsonObject room : List.of(dmRoom(bob, carol), groupRoom(bob, List.of(carol, alice), null))) {
      String roomId = room.getString("id");
      try (BridgeClient bobs = bob.connect(); BridgeClient carols = carol.connect()) {
        carols.register("room." + roomId);
        JsonObject sent = bobs.request("chat.send", new JsonObject().put("roomId", roomId).put("content", "in a " + room.getString("kind")));
        assertEquals(1L, sent.getJsonObject("message").getLong("seq"));
        assertEquals("in a " + room.getString("kind"), carols.next("room." + roomId, "message.new").getJsonObject("message").getString("content"));
        JsonArray history = carols.request("chat.history", new JsonObject().put("roomId", roomId)).getJsonArray("messages");
        assertEquals(1, history.size());
        JsonObject synced = carols.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(roomId, 0)));
        assertEquals(1, synced.getJsonObject("rooms").getJsonObject(roomId).getJsonArray("messages").size());
        bobs.request("chat.typing", new JsonObject().put("roomId", roomId).put("typing", true));
        assertEquals(bob.id(), carols.next("room." + roomId, "typing").getString("userId"));
        assertEquals(1L, listed(carol, roomId).getLong("lastSeq"));
      }
    }
  }

  @Test
  @DisplayName("rejects anyone outside a DM: they cannot follow it, read it, write to it or join it")
  void rejectsOutsidersOfDm() {
    String roomId = dmRoom(alice, bob).getString("id");
    try (BridgeClient carols = carol.connect()) {
      assertEquals("rejected", carols.registerRefused("room." + roomId).getString("body"));
      assertEquals(new BridgeClient.Failure(403, "not_a_member"), carols.requestFailure("chat.history", new JsonObject().put("roomId", roomId)));
      assertEquals(new BridgeClient.Failure(403, "not_a_member"),
        carols.requestFailure("chat.send", new JsonObject().put("roomId", roomId).put("content", "let me in")));
      assertEquals(new BridgeClient.Failure(403, "not_a_member"),
        carols.requestFailure("chat.typing", new JsonObject().put("roomId", roomId).put("typing", true)));
      JsonObject synced = carols.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(roomId, 0)));
      assertFalse(synced.getJsonObject("rooms").containsKey(roomId));
    }
    assertError(carol.get("/api/rooms/" + roomId + "/messages"), 403, "not_a_member");
    assertError(carol.get("/api/rooms/" + roomId + "/members"), 404, "room_not_found");
    assertError(carol.post("/api/rooms/" + roomId + "/join", new JsonObject()), 404, "room_not_found");
    assertEquals(null, listed(carol, roomId));
  }

  @Test
  @DisplayName("a group is the creator and the people asked for, each once; every one of them hears conversation.created")
  void groups() {
    try (BridgeClient carols = carol.connect()) {
      carols.register("user." + carol.id());
      JsonObject unnamed = groupRoom(alice, List.of(bob, carol, bob, alice), null);
      assertEquals("group", unnamed.getString("kind"));
      assertEquals("", unnamed.getString("name"));
      assertTrue(unnamed.getBoolean("private"));
      assertEquals(Set.of(alice.id(), bob.id(), carol.id()), memberIds(unnamed));
      assertEquals(unnamed, carols.next("user." + carol.id(), "conversation.created").getJsonObject("room"));
      assertEquals(unnamed, listed(bob, unnamed.getString("id")));

      JsonObject named = groupRoom(alice, List.of(bob, carol), "  Trip planning ");
      assertEquals("Trip planning", named.getString("name"));
      assertEquals(named, carols.next("user." + carol.id(), "conversation.created").getJsonObject("room"));
      assertTrue(groupRoom(bob, List.of(alice, carol), "Trip planning").getString("id") != null, "group names need not be unique");
    }
  }

  @Test
  @DisplayName("a group may have up to 50 people; rejects a 51st, at creation and when adding")
  void groupLimit() {
    List<TestUser> crowd = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      crowd.add(server.register("crowd"));
    }
    assertError(group(alice, crowd, null), 400, "group_too_large");
    JsonObject full = groupRoom(alice, crowd.subList(0, 49), null);
    assertEquals(50, full.getJsonArray("members").size());
    assertError(alice.post("/api/rooms/" + full.getString("id") + "/members", new JsonObject().put("userId", crowd.get(49).id())),
      409, "group_full");
    assertEquals("50", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ?", Long.parseLong(full.getString("id"))));
  }

  @Test
  @DisplayName("rejects a group of fewer than 3 people, the creator counted once")
  void rejectsSmallGroups() {
    assertError(group(alice, List.of(bob), null), 400, "group_too_small");
    assertError(group(alice, List.of(bob, bob, alice), null), 400, "group_too_small");
    assertError(group(alice, List.of(), null), 400, "group_too_small");
  }

  @Test
  @DisplayName("rejects a DM with oneself")
  void rejectsDmWithSelf() {
    assertError(dm(alice, alice.id()), 400, "dm_with_self");
  }

  @Test
  @DisplayName("rejects a DM or group with someone unknown or of another tenant")
  void rejectsUnknownPeople() {
    String stranger = server.strangerElsewhere("elsewhere").userId();
    assertError(dm(alice, stranger), 404, "user_not_found");
    assertError(dm(alice, "987654321"), 404, "user_not_found");
    assertError(alice.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(bob.id()).add(stranger))), 404, "user_not_found");
    assertError(alice.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(bob.id()).add("987654321"))), 404, "user_not_found");
    assertEquals("0", server.queryOne("SELECT count(*) FROM room_members WHERE user_id = ?", Long.parseLong(stranger)));
  }

  @Test
  @DisplayName("rejects malformed ids, a userIds that is not a list, and a bad group name")
  void rejectsBadInput() {
    assertError(dm(alice, "abc"), 400, "invalid_id");
    assertError(dm(alice, 0), 400, "invalid_id");
    assertError(alice.post("/api/dms", new JsonObject()), 400, "invalid_id");
    assertError(alice.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(bob.id()).add("x1"))), 400, "invalid_id");
    assertError(alice.post("/api/groups", new JsonObject().put("userIds", bob.id())), 400, "invalid_request");
    assertError(alice.post("/api/groups", new JsonObject()), 400, "invalid_request");
    assertError(group(alice, List.of(bob, carol), "x".repeat(65)), 400, "invalid_group_name");
    assertError(group(alice, List.of(bob, carol), "tab\there"), 400, "invalid_group_name");
    assertError(alice.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(bob.id()).add(carol.id())).put("name", 5)),
      400, "invalid_group_name");
  }

  @Test
  @DisplayName("rejects leaving a DM and adding someone to it")
  void rejectsDmMembershipChanges() {
    String roomId = dmRoom(alice, carol).getString("id");
    assertError(alice.post("/api/rooms/" + roomId + "/leave", new JsonObject()), 403, "dm_membership_fixed");
    assertError(alice.post("/api/rooms/" + roomId + "/members", new JsonObject().put("userId", bob.id())), 403, "dm_membership_fixed");
    assertEquals(Set.of(alice.id(), carol.id()), memberIds(listed(alice, roomId)));
  }

  @Test
  @DisplayName("a member adds someone to a group, who hears room.joined; a member may leave a group")
  void groupMembership() {
    TestUser hal = server.register("hal", "Hal H.");
    String roomId = groupRoom(alice, List.of(bob, carol), null).getString("id");
    try (BridgeClient hals = hal.connect()) {
      hals.register("user." + hal.id());
      HttpResponse<Buffer> added = bob.post("/api/rooms/" + roomId + "/members", new JsonObject().put("userId", hal.id()));
      assertEquals(200, added.statusCode(), added.bodyAsString());
      JsonObject joined = hals.next("user." + hal.id(), "room.joined").getJsonObject("room");
      assertEquals(Set.of(alice.id(), bob.id(), carol.id(), hal.id()), memberIds(joined));
      hals.register("room." + roomId);
    }
    assertEquals(200, carol.post("/api/rooms/" + roomId + "/leave", new JsonObject()).statusCode());
    assertEquals(null, listed(carol, roomId));
    assertEquals(Set.of(alice.id(), bob.id(), hal.id()), memberIds(listed(alice, roomId)));
  }

  @Test
  @DisplayName("rejects joining a group by id, and browse lists channels only")
  void rejectsJoiningGroups() {
    String groupId = groupRoom(alice, List.of(bob, admin), "Secret plans").getString("id");
    String dmId = dmRoom(alice, admin).getString("id");
    assertError(carol.post("/api/rooms/" + groupId + "/join", new JsonObject()), 404, "room_not_found");
    JsonArray browse = admin.get("/api/rooms/browse").bodyAsJsonObject().getJsonArray("rooms");
    assertTrue(browse.stream().map(JsonObject.class::cast).allMatch(room -> room.getString("kind").equals("channel")));
    assertTrue(browse.stream().map(JsonObject.class::cast).noneMatch(room -> Set.of(groupId, dmId).contains(room.getString("id"))));
  }

  @Test
  @DisplayName("rejects deleting, setting a topic on and kicking from a DM or group, even for a superadmin in it")
  void rejectsChannelOnlyActions() {
    String dmId = dmRoom(admin, bob).getString("id");
    String groupId = groupRoom(admin, List.of(bob, carol), null).getString("id");
    for (String roomId : List.of(dmId, groupId)) {
      assertError(admin.delete("/api/rooms/" + roomId), 403, "not_a_channel");
      assertError(admin.request(HttpMethod.PATCH, "/api/rooms/" + roomId).sendJsonObject(new JsonObject().put("topic", "x")).await(),
        403, "not_a_channel");
      assertError(admin.delete("/api/rooms/" + roomId + "/members/" + bob.id()), 403, "not_a_channel");
    }
    try (BridgeClient admins = admin.connect()) {
      assertEquals(new BridgeClient.Failure(403, "not_a_channel"),
        admins.requestFailure("chat.send", new JsonObject().put("roomId", groupId).put("content", "/topic Plans")));
      JsonObject rooms = admins.request("chat.send", new JsonObject().put("roomId", groupId).put("content", "/rooms"));
      assertTrue(rooms.getString("text").contains("#general"), rooms.encode());
    }
  }
}
