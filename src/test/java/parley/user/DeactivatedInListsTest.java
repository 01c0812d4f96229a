package parley.user;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.user.Masking.deactivate;
import static parley.user.Masking.find;
import static parley.user.Masking.masked;
import static parley.user.Masking.named;
import static parley.user.Masking.reactivate;
import static parley.user.Masking.say;

@ExtendWith(VertxExtension.class)
@DisplayName("A deactivated person in lists of people: members, conversations, readers, announcements, presence")
class DeactivatedInListsTest {

  private static TestServer server;
  /** A superadmin: holds manage_users and manage_announcements. */
  private static TestUser root;
  private static TestUser member;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    member = server.register("member");
    assertEquals(201, root.post("/api/roles", new JsonObject().put("name", "Herald").put("rank", 100)
      .put("permissions", new JsonArray().add("manage_announcements").add("send_messages").add("join_rooms"))).statusCode());
  }

  private static JsonArray members(TestUser viewer, String roomId) {
    return viewer.get("/api/rooms/" + roomId + "/members").bodyAsJsonObject().getJsonArray("members");
  }

  private static JsonArray membersOf(TestUser viewer, String roomId) {
    return viewer.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").stream().map(JsonObject.class::cast)
      .filter(room -> roomId.equals(room.getString("id"))).findFirst().orElseThrow().getJsonArray("members");
  }

  private static JsonArray readers(TestUser viewer, String roomId, String messageId) {
    return viewer.get("/api/rooms/" + roomId + "/messages/" + messageId + "/readers").bodyAsJsonObject().getJsonArray("readers");
  }

  @Test
  @DisplayName("rejects naming a deactivated member in a room's member list to anyone without manage_users; the role and read cursor stay")
  void roomMembers() {
    TestUser leaver = server.register("leaver", "Ada Parting");
    String room = root.createRoom("members-" + leaver.id(), leaver, member);

    deactivate(root, leaver);
    assertEquals(masked(leaver), find(members(member, room), leaver));
    JsonObject entry = members(member, room).stream().map(JsonObject.class::cast)
      .filter(candidate -> leaver.id().equals(candidate.getString("id"))).findFirst().orElseThrow();
    assertEquals("member", entry.getString("role"));
    assertEquals(0L, entry.getLong("readSeq"));
    assertEquals(named(leaver, true), find(members(root, room), leaver));
    assertEquals(named(member, false), find(members(member, room), member));

    reactivate(root, leaver);
    assertEquals(named(leaver, false), find(members(member, room), leaver));
  }

  private static List<String> ids(JsonArray people) {
    return people.stream().map(JsonObject.class::cast).map(person -> person.getString("id")).toList();
  }

  @Test
  @DisplayName("rejects hinting at a deactivated person's name by their place in a list: lists by name put them last, for everyone")
  void lastInLists() {
    TestUser leaver = server.register("leaver", "Aaron A.");
    String room = root.createRoom("order-" + leaver.id(), leaver, member);
    String group = member.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(leaver.id()).add(root.id())))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    assertEquals(leaver.id(), ids(members(member, room)).get(0));
    assertEquals(leaver.id(), ids(membersOf(member, group)).get(0));

    deactivate(root, leaver);
    for (TestUser viewer : new TestUser[] {member, root}) {
      List<String> inRoom = ids(members(viewer, room));
      assertEquals(leaver.id(), inRoom.get(inRoom.size() - 1));
      List<String> inGroup = ids(membersOf(viewer, group));
      assertEquals(leaver.id(), inGroup.get(inGroup.size() - 1));
    }
    reactivate(root, leaver);
  }

  @Test
  @DisplayName("rejects naming a deactivated person among a DM's or group's members in GET /api/rooms to anyone without manage_users")
  void conversationMembers() {
    TestUser leaver = server.register("leaver", "Ben Gone");
    String dm = member.post("/api/dms", new JsonObject().put("userId", leaver.id())).bodyAsJsonObject()
      .getJsonObject("room").getString("id");
    String group = member.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(leaver.id()).add(root.id())))
      .bodyAsJsonObject().getJsonObject("room").getString("id");

    deactivate(root, leaver);
    assertEquals(masked(leaver), find(membersOf(member, dm), leaver));
    assertEquals(masked(leaver), find(membersOf(member, group), leaver));
    assertEquals(named(member, false), find(membersOf(member, group), member));
    assertEquals(named(leaver, true), find(membersOf(root, group), leaver));

    reactivate(root, leaver);
    assertEquals(named(leaver, false), find(membersOf(member, dm), leaver));
    assertEquals(named(leaver, false), find(membersOf(member, group), leaver));
  }

  private static String command(TestUser user, String roomId, String command) {
    try (BridgeClient socket = user.connect()) {
      return socket.request("chat.send", new JsonObject().put("roomId", roomId).put("content", command)).getString("text");
    }
  }

  @Test
  @DisplayName("/who and /rooms show a deactivated member by the name that stands for theirs, with no empty @username")
  void commands() {
    TestUser leaver = server.register("leaver", "Cleo Away");
    String room = root.createRoom("who-" + leaver.id(), leaver, member);
    member.post("/api/dms", new JsonObject().put("userId", leaver.id()));

    deactivate(root, leaver);
    assertEquals("3 members: " + member.username() + ", " + root.username() + ", Deactivated user", command(member, room, "/who"));
    String rooms = command(member, room, "/rooms");
    assertTrue(rooms.contains(", Deactivated user"), rooms);
    assertFalse(rooms.matches(".*@(,.*|$)"), rooms);
    reactivate(root, leaver);
    assertTrue(command(member, room, "/rooms").contains("@" + leaver.username()));
  }

  @Test
  @DisplayName("rejects naming a deactivated reader of a message to anyone without manage_users")
  void readers() {
    TestUser leaver = server.register("leaver", "Dan Departed");
    String room = root.createRoom("readers-" + leaver.id(), leaver, member);
    String read = say(member, room, "did you see this?").getString("id");
    say(leaver, room, "I did");

    deactivate(root, leaver);
    assertEquals(masked(leaver), find(readers(member, room, read), leaver));
    assertEquals(named(leaver, true), find(readers(root, room, read), leaver));

    reactivate(root, leaver);
    assertEquals(named(leaver, false), find(readers(member, room, read), leaver));
  }

  @Test
  @DisplayName("rejects naming a deactivated sender of an announcement, or a deactivated recipient in its stats, to anyone without manage_users")
  void announcements() {
    TestUser leaver = server.register("leaver", "Eve Exit");
    TestUser herald = server.register("herald");
    server.setRole(leaver, "Herald");
    server.setRole(herald, "Herald");
    JsonObject toMember = new JsonObject().put("userIds", new JsonArray().add(member.id()));
    String fromLeaver = leaver.post("/api/announcements", new JsonObject().put("title", "Handover").put("body", "Notes are in the wiki.")
      .put("audience", toMember)).bodyAsJsonObject().getJsonObject("announcement").getString("id");
    String toLeaver = herald.post("/api/announcements", new JsonObject().put("title", "Party").put("body", "Friday at five.")
      .put("audience", new JsonObject().put("userIds", new JsonArray().add(leaver.id()).add(member.id()))))
      .bodyAsJsonObject().getJsonObject("announcement").getString("id");

    deactivate(root, leaver);
    JsonObject inbox = member.get("/api/announcements").bodyAsJsonObject();
    assertEquals(masked(leaver), inbox.getJsonArray("unread").stream().map(JsonObject.class::cast)
      .filter(announcement -> fromLeaver.equals(announcement.getString("id"))).findFirst().orElseThrow().getJsonObject("sender"));
    assertEquals(masked(leaver), member.get("/api/announcements/" + fromLeaver).bodyAsJsonObject()
      .getJsonObject("announcement").getJsonObject("sender"));
    assertEquals(masked(leaver), herald.get("/api/announcements/sent").bodyAsJsonObject().getJsonArray("announcements").stream()
      .map(JsonObject.class::cast).filter(announcement -> fromLeaver.equals(announcement.getString("id"))).findFirst().orElseThrow()
      .getJsonObject("sender"));
    assertEquals(masked(leaver), find(herald.get("/api/announcements/" + toLeaver + "/stats").bodyAsJsonObject()
      .getJsonArray("notRead"), leaver));
    assertEquals(named(leaver, true), root.get("/api/announcements/" + fromLeaver).bodyAsJsonObject()
      .getJsonObject("announcement").getJsonObject("sender"));
    assertEquals(named(leaver, true), find(root.get("/api/announcements/" + toLeaver + "/stats").bodyAsJsonObject()
      .getJsonArray("notRead"), leaver));

    reactivate(root, leaver);
    assertEquals(named(leaver, false), member.get("/api/announcements/" + fromLeaver).bodyAsJsonObject()
      .getJsonObject("announcement").getJsonObject("sender"));
    assertEquals(named(leaver, false), find(herald.get("/api/announcements/" + toLeaver + "/stats").bodyAsJsonObject()
      .getJsonArray("notRead"), leaver));
  }

  @Test
  @DisplayName("a deactivated person shows offline, their status gone, to those watching and in presence.list; rejects setting their vacation")
  void presence() {
    TestUser leaver = server.register("leaver", "Fay Farewell");
    try (BridgeClient leavers = leaver.connect(); BridgeClient members = member.connect(); BridgeClient roots = root.connect()) {
      leavers.request("presence.set", new JsonObject().put("state", "vacation").put("text", "Sailing around the world"));
      JsonObject watched = members.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(leaver.id())))
        .getJsonArray("users").getJsonObject(0);
      long deadline = System.currentTimeMillis() + 5000;
      while (!"vacation".equals(watched.getString("state")) && System.currentTimeMillis() < deadline) {
        watched = members.next("user." + member.id(), "presence.changed").getJsonArray("users").getJsonObject(0);
      }
      assertEquals("vacation", watched.getString("state"));

      deactivate(root, leaver);
      JsonObject told = watched;
      deadline = System.currentTimeMillis() + 10_000;
      while (!"offline".equals(told.getString("state")) && System.currentTimeMillis() < deadline) {
        told = members.next("user." + member.id(), "presence.changed", 10_000).getJsonArray("users").getJsonObject(0);
      }
      assertEquals(new JsonObject().put("userId", leaver.id()).put("state", "offline").put("text", null).put("emoji", null), told);
      JsonObject listed = members.request("presence.list", new JsonObject()).getJsonArray("users").stream().map(JsonObject.class::cast)
        .filter(user -> leaver.id().equals(user.getString("userId"))).findFirst().orElseThrow();
      assertEquals("offline", listed.getString("state"));
      assertNull(listed.getString("text"));

      assertEquals(new BridgeClient.Failure(404, "user_not_found"), roots.requestFailure("presence.set",
        new JsonObject().put("userId", leaver.id()).put("state", "vacation").put("text", "Gone")));
    }
  }
}
