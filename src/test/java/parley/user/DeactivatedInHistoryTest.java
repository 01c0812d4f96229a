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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.user.Masking.deactivate;
import static parley.user.Masking.masked;
import static parley.user.Masking.named;
import static parley.user.Masking.reactivate;
import static parley.user.Masking.say;
import static parley.user.Masking.send;
import static parley.user.Masking.withId;

@ExtendWith(VertxExtension.class)
@DisplayName("A deactivated person's messages stay, under their name only for manage_users")
class DeactivatedInHistoryTest {

  private static TestServer server;
  /** A superadmin: holds manage_users. */
  private static TestUser root;
  /** Holds manage_users and nothing else of an admin's: the permission, not the rank, shows the names. */
  private static TestUser desk;
  private static TestUser member;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    desk = server.register("desk");
    member = server.register("member");
    assertEquals(201, root.post("/api/roles", new JsonObject().put("name", "People desk").put("rank", 200)
      .put("permissions", new JsonArray().add("manage_users").add("join_rooms").add("send_messages"))).statusCode());
    server.setRole(desk, "People desk");
  }

  private static JsonArray historyOverBridge(TestUser viewer, String roomId) {
    try (BridgeClient socket = viewer.connect()) {
      return socket.request("chat.history", new JsonObject().put("roomId", roomId).put("limit", 100)).getJsonArray("messages");
    }
  }

  private static JsonArray historyOverRest(TestUser viewer, String roomId) {
    return viewer.get("/api/rooms/" + roomId + "/messages?limit=100").bodyAsJsonObject().getJsonArray("messages");
  }

  private static JsonArray synced(TestUser viewer, String roomId) {
    try (BridgeClient socket = viewer.connect()) {
      return socket.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(roomId, 0)))
        .getJsonObject("rooms").getJsonObject(roomId).getJsonArray("messages");
    }
  }

  private static JsonObject author(JsonArray messages, JsonObject message) {
    return withId(messages, message.getString("id")).getJsonObject("author");
  }

  private static JsonObject quoted(JsonArray messages, JsonObject message) {
    return withId(messages, message.getString("id")).getJsonObject("replyTo").getJsonObject("author");
  }

  @Test
  @DisplayName("rejects naming a deactivated author or quoted author in history, over the bridge and REST, to anyone without manage_users; reactivation names them again")
  void history() {
    TestUser leaver = server.register("leaver", "Ada Parting");
    String room = root.createRoom("history-" + leaver.id(), leaver, member, desk);
    JsonObject said = say(leaver, room, "my last words");
    JsonObject answer = send(member, new JsonObject().put("roomId", room).put("content", "farewell").put("replyTo", said.getString("id")));
    assertEquals(named(leaver, false), author(historyOverBridge(member, room), said));

    deactivate(root, leaver);
    for (JsonArray messages : new JsonArray[] {historyOverBridge(member, room), historyOverRest(member, room)}) {
      assertEquals(masked(leaver), author(messages, said));
      assertEquals(masked(leaver), quoted(messages, answer));
      assertEquals("my last words", withId(messages, said.getString("id")).getString("content"));
      assertEquals(named(member, false), author(messages, answer));
    }
    for (TestUser admin : new TestUser[] {root, desk}) {
      for (JsonArray messages : new JsonArray[] {historyOverBridge(admin, room), historyOverRest(admin, room)}) {
        assertEquals(named(leaver, true), author(messages, said));
        assertEquals(named(leaver, true), quoted(messages, answer));
      }
    }

    reactivate(root, leaver);
    for (JsonArray messages : new JsonArray[] {historyOverBridge(member, room), historyOverRest(member, room)}) {
      assertEquals(named(leaver, false), author(messages, said));
      assertEquals(named(leaver, false), quoted(messages, answer));
    }
  }

  @Test
  @DisplayName("rejects naming a deactivated author in chat.sync to anyone without manage_users; reactivation names them again")
  void sync() {
    TestUser leaver = server.register("leaver", "Ben Gone");
    String room = root.createRoom("sync-" + leaver.id(), leaver, member);
    JsonObject said = say(leaver, room, "see you");
    JsonObject answer = send(member, new JsonObject().put("roomId", room).put("content", "bye").put("replyTo", said.getString("id")));

    deactivate(root, leaver);
    assertEquals(masked(leaver), author(synced(member, room), said));
    assertEquals(masked(leaver), quoted(synced(member, room), answer));
    assertEquals(named(leaver, true), author(synced(root, room), said));
    assertEquals(named(leaver, true), quoted(synced(root, room), answer));

    reactivate(root, leaver);
    assertEquals(named(leaver, false), author(synced(member, room), said));
  }

  @Test
  @DisplayName("events carry the masked person to everyone, admins included: member.updated at deactivation, the quote of a reply; the name comes back with reactivation")
  void events() {
    TestUser leaver = server.register("leaver", "Cleo Away");
    String room = root.createRoom("events-" + leaver.id(), leaver, member);
    JsonObject said = say(leaver, room, "one more thing");
    try (BridgeClient members = member.connect(); BridgeClient roots = root.connect()) {
      members.register("room." + room);
      roots.register("room." + room);

      deactivate(root, leaver);
      for (BridgeClient socket : new BridgeClient[] {members, roots}) {
        JsonObject updated = socket.next("room." + room, "member.updated");
        assertEquals(masked(leaver), Masking.person(updated.getJsonObject("user")));
      }

      JsonObject reply = send(member, new JsonObject().put("roomId", room).put("content", "noted").put("replyTo", said.getString("id")));
      assertEquals(masked(leaver), reply.getJsonObject("replyTo").getJsonObject("author"));
      for (BridgeClient socket : new BridgeClient[] {members, roots}) {
        JsonObject event = socket.next("room." + room, "message.new");
        assertEquals(masked(leaver), event.getJsonObject("message").getJsonObject("replyTo").getJsonObject("author"));
        assertEquals(named(member, false), event.getJsonObject("message").getJsonObject("author"));
      }

      reactivate(root, leaver);
      for (BridgeClient socket : new BridgeClient[] {members, roots}) {
        JsonObject updated = socket.next("room." + room, "member.updated");
        assertEquals(named(leaver, false), Masking.person(updated.getJsonObject("user")));
      }
      send(member, new JsonObject().put("roomId", room).put("content", "welcome back").put("replyTo", said.getString("id")));
      assertEquals(named(leaver, false), members.next("room." + room, "message.new").getJsonObject("message")
        .getJsonObject("replyTo").getJsonObject("author"));
    }
  }

  @Test
  @DisplayName("rejects mentioning a deactivated person: @username resolves to nobody, in a new message or an edit, until reactivation")
  void mentions() {
    TestUser leaver = server.register("leaver", "Dan Departed");
    String room = root.createRoom("mentions-" + leaver.id(), leaver, member);
    assertEquals(new JsonArray().add(leaver.id()), say(member, room, "@" + leaver.username() + " hello").getJsonArray("mentions"));

    deactivate(root, leaver);
    JsonObject unheard = say(member, room, "@" + leaver.username() + " are you there?");
    assertEquals(new JsonArray(), unheard.getJsonArray("mentions"));
    try (BridgeClient socket = member.connect()) {
      JsonObject edited = socket.request("chat.edit", new JsonObject().put("messageId", unheard.getString("id"))
        .put("content", "@" + leaver.username() + " still there?")).getJsonObject("message");
      assertEquals(new JsonArray(), edited.getJsonArray("mentions"));
    }
    assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE ? = ANY (mentions) AND id > ?",
      Long.parseLong(leaver.id()), Long.parseLong(unheard.getString("id")) - 1));

    reactivate(root, leaver);
    assertEquals(new JsonArray().add(leaver.id()), say(member, room, "@" + leaver.username() + " welcome back").getJsonArray("mentions"));
  }
}
