package parley.command;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.command.CommandAccessTest.line;
import static parley.command.CommandAccessTest.messagesIn;

@ExtendWith(VertxExtension.class)
@DisplayName("Slash commands over the bridge")
class CommandsTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser moderator;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    moderator = server.register("mod");
    server.setRole(moderator, "moderator");
  }

  /** Runs a command whose output goes to the room, and checks the room heard the very message the reply carries. */
  private static JsonObject toRoom(BridgeClient client, String roomId, String command) {
    JsonObject reply = client.request("chat.send", line(roomId, command));
    assertFalse(reply.getBoolean("ephemeral"), reply.encode());
    JsonObject event = client.next("room." + roomId, "message.new");
    assertEquals(reply.getJsonObject("message"), event.getJsonObject("message"));
    return event.getJsonObject("message");
  }

  private static String privately(BridgeClient client, String roomId, String command) {
    JsonObject reply = client.request("chat.send", line(roomId, command));
    assertTrue(reply.getBoolean("ephemeral"), reply.encode());
    return reply.getString("text");
  }

  private static boolean isMember(TestUser user, String roomId) {
    return "1".equals(server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?",
      Long.parseLong(roomId), Long.parseLong(user.id())));
  }

  @Test
  @DisplayName("/rooms and /who answer the caller alone")
  void roomsAndWho() {
    String room = moderator.createRoom("lounge");
    TestUser dana = server.register("dana");
    dana.join(room);
    try (BridgeClient client = dana.connect()) {
      assertEquals("Your rooms: #general, #lounge", privately(client, room, "/rooms"));
      assertEquals("2 members: " + dana.username() + ", " + moderator.username(), privately(client, room, "/who"));
    }
  }

  @Test
  @DisplayName("/kick removes the member and tells the room in a system message")
  void kick() {
    String room = admin.createRoom("kickable");
    TestUser erin = server.register("erin");
    moderator.join(room);
    erin.join(room);
    try (BridgeClient client = moderator.connect()) {
      client.register("room." + room);
      JsonObject said = toRoom(client, room, "/kick @" + erin.username());
      assertEquals("system", said.getString("kind"));
      assertEquals(moderator.username() + " removed " + erin.username() + " from the room", said.getString("content"));
    }
    assertFalse(isMember(erin, room));
  }

  @Test
  @DisplayName("/promote gives the role named, found by name in the roles list")
  void promote() {
    TestUser fay = server.register("fay");
    String room = admin.createRoom("staff");
    try (BridgeClient client = admin.connect()) {
      client.register("room." + room);
      JsonObject said = toRoom(client, room, "/promote " + fay.username() + " Moderator");
      assertEquals(admin.username() + " gave " + fay.username() + " the role moderator", said.getString("content"));
    }
    assertEquals("moderator", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?",
      Long.parseLong(fay.id())));
  }

  @Test
  @DisplayName("/createroom and /deleteroom act on the room named, and say so where they were typed")
  void createAndDelete() {
    String ops = admin.createRoom("ops");
    moderator.join(ops);
    try (BridgeClient client = moderator.connect()) {
      client.register("room." + ops);
      assertEquals(moderator.username() + " created #plans", toRoom(client, ops, "/createroom plans Where we plan").getString("content"));
    }
    assertEquals("Where we plan", server.queryOne("SELECT description FROM rooms WHERE name = 'plans'"));
    try (BridgeClient client = admin.connect()) {
      client.register("room." + ops);
      assertEquals(admin.username() + " deleted #plans", toRoom(client, ops, "/deleteroom #plans").getString("content"));
    }
    assertNull(server.queryOne("SELECT id FROM rooms WHERE name = 'plans'"));
  }

  @Test
  @DisplayName("/deleteroom of the room it is typed in answers the caller, since the room is gone")
  void deleteCurrentRoom() {
    String doomed = admin.createRoom("doomed");
    try (BridgeClient client = admin.connect()) {
      assertEquals(admin.username() + " deleted #doomed", privately(client, doomed, "/deleteroom doomed"));
    }
    assertNull(server.queryOne("SELECT id FROM rooms WHERE id = ?", Long.parseLong(doomed)));
  }

  @Test
  @DisplayName("/topic sets the topic: the room hears room.updated and a system message")
  void topic() {
    String room = moderator.createRoom("release");
    try (BridgeClient client = moderator.connect()) {
      client.register("room." + room);
      JsonObject reply = client.request("chat.send", line(room, "/topic  Release day "));
      // The topic is set before the message about it is stored, so room.updated comes first.
      assertEquals("Release day", client.next("room." + room, "room.updated").getJsonObject("room").getString("topic"));
      JsonObject said = client.next("room." + room, "message.new").getJsonObject("message");
      assertEquals(reply.getJsonObject("message"), said);
      assertEquals(moderator.username() + " set the topic: Release day", said.getString("content"));
    }
    assertEquals("Release day", server.queryOne("SELECT topic FROM rooms WHERE id = ?", Long.parseLong(room)));
  }

  @Test
  @DisplayName("/me stores an action message that arrives as message.new with kind action")
  void me() {
    String room = moderator.createRoom("actions");
    try (BridgeClient client = moderator.connect()) {
      client.register("room." + room);
      JsonObject said = toRoom(client, room, "/me waves at everyone");
      assertEquals("action", said.getString("kind"));
      assertEquals("waves at everyone", said.getString("content"));
      assertEquals(1L, said.getLong("seq"));
    }
  }

  @Test
  @DisplayName("/nick renames the caller and tells the room")
  void nick() {
    TestUser gus = server.register("gus");
    String room = moderator.createRoom("names");
    gus.join(room);
    try (BridgeClient client = gus.connect()) {
      client.register("room." + room);
      JsonObject said = toRoom(client, room, "/nick Gus the Great");
      assertEquals(gus.username() + " is now known as Gus the Great", said.getString("content"));
      assertEquals("Gus the Great", said.getJsonObject("author").getString("displayName"));
    }
    assertEquals("Gus the Great", server.queryOne("SELECT display_name FROM users WHERE id = ?", Long.parseLong(gus.id())));
  }

  @Test
  @DisplayName("/invite brings someone into a private room; inviting them again tells only the caller")
  void invite() {
    TestUser hal = server.register("hal");
    TestUser ivy = server.register("ivy");
    String secret = admin.post("/api/rooms", new JsonObject().put("name", "secret").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    try (BridgeClient client = admin.connect()) {
      client.register("room." + secret);
      toRoom(client, secret, "/invite " + hal.username());
    }
    try (BridgeClient client = hal.connect()) {
      client.register("room." + secret);
      assertEquals(hal.username() + " added " + ivy.username() + " to the room",
        toRoom(client, secret, "/invite " + ivy.username()).getString("content"));
      assertEquals(ivy.username() + " is already in this room.", privately(client, secret, "/invite " + ivy.username()));
    }
    assertTrue(isMember(ivy, secret));
  }

  @Test
  @DisplayName("//not a command is stored as the text /not a command")
  void escapedSlash() {
    String room = moderator.createRoom("slashes");
    try (BridgeClient client = moderator.connect()) {
      JsonObject message = client.request("chat.send", line(room, "//not a command")).getJsonObject("message");
      assertEquals("/not a command", message.getString("content"));
      assertEquals("text", message.getString("kind"));
    }
  }

  @Test
  @DisplayName("a repeated clientMsgId gets the first run's message back instead of running the command again")
  void repeatedCommand() {
    String room = moderator.createRoom("retries");
    TestUser jo = server.register("jo");
    jo.join(room);
    try (BridgeClient client = moderator.connect()) {
      JsonObject first = client.request("chat.send", line(room, "/kick " + jo.username()).put("clientMsgId", "k-1"));
      JsonObject again = client.request("chat.send", line(room, "/kick " + jo.username()).put("clientMsgId", "k-1"));
      assertEquals(first, again);
      assertEquals("kick", again.getString("command"));
      assertEquals("k-1", again.getJsonObject("message").getString("clientMsgId"));
    }
    assertEquals(1, messagesIn(server, room));
  }
}
