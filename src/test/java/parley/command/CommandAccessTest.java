package parley.command;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Who may run which slash command")
class CommandAccessTest {

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
    general = member.generalRoomId();
  }

  static JsonObject line(String roomId, String content) {
    return new JsonObject().put("roomId", roomId).put("content", content);
  }

  static long messagesIn(TestServer server, String roomId) {
    return Long.parseLong(server.queryOne("SELECT count(*) FROM messages WHERE room_id = ?", Long.parseLong(roomId)));
  }

  private static List<String> helpLines(TestUser user) {
    try (BridgeClient client = user.connect()) {
      JsonObject reply = client.request("chat.send", line(general, "/help"));
      assertEquals("help", reply.getString("command"));
      assertTrue(reply.getBoolean("ephemeral"));
      return reply.getString("text").lines().filter(text -> text.startsWith("/")).toList();
    }
  }

  /** What the registry says the user's role may run, in the words /help uses. */
  private static List<String> allowedLines(TestUser user) {
    JsonArray granted = user.get("/api/users/me/permissions").bodyAsJsonObject().getJsonArray("permissions");
    return CommandRegistry.ALL.stream()
      .filter(command -> command.permission() == null || granted.contains(command.permission().apiName()))
      .map(command -> command.usage() + " — " + command.description())
      .toList();
  }

  @Test
  @DisplayName("/help lists exactly the commands each role may run: a moderator more than a member, a superadmin all")
  void helpPerRole() {
    List<String> forMember = helpLines(member);
    List<String> forModerator = helpLines(moderator);
    List<String> forAdmin = helpLines(admin);
    assertEquals(allowedLines(member), forMember);
    assertEquals(allowedLines(moderator), forModerator);
    assertEquals(allowedLines(admin), forAdmin);
    assertEquals(CommandRegistry.ALL.size(), forAdmin.size());
    assertTrue(forModerator.containsAll(forMember) && forModerator.size() > forMember.size());
    assertTrue(forAdmin.size() > forModerator.size());
  }

  @Test
  @DisplayName("rejects /kick by a member with 403 forbidden, and nothing changes")
  void rejectsKickByMember() {
    String room = admin.createRoom("no-kicking");
    TestUser target = server.register("target");
    member.join(room);
    target.join(room);
    try (BridgeClient client = member.connect()) {
      assertEquals(new Failure(403, "forbidden"), client.requestFailure("chat.send", line(room, "/kick " + target.username())));
    }
    assertEquals("1", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?",
      Long.parseLong(room), Long.parseLong(target.id())));
    assertEquals(0, messagesIn(server, room));
  }

  @Test
  @DisplayName("rejects a command in a room one is not in, or that does not exist")
  void rejectsOutsiders() {
    String hidden = admin.post("/api/rooms", new JsonObject().put("name", "hidden").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    try (BridgeClient client = member.connect()) {
      assertEquals(new Failure(403, "not_a_member"), client.requestFailure("chat.send", line(hidden, "/who")));
      assertEquals(new Failure(404, "room_not_found"), client.requestFailure("chat.send", line("424242", "/help")));
    }
  }

  @Test
  @DisplayName("rejects acting on someone ranked higher, with the service's own status and slug")
  void rejectsOutranking() {
    String room = admin.createRoom("ranks");
    moderator.join(room);
    try (BridgeClient client = moderator.connect()) {
      assertEquals(new Failure(403, "rank_too_high"), client.requestFailure("chat.send", line(room, "/kick " + admin.username())));
      assertEquals(new Failure(404, "user_not_found"), client.requestFailure("chat.send", line(room, "/kick nobody-here")));
    }
    try (BridgeClient client = admin.connect()) {
      assertEquals(new Failure(404, "role_not_found"),
        client.requestFailure("chat.send", line(room, "/promote " + member.username() + " wizard")));
    }
    assertEquals("1", server.queryOne("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?",
      Long.parseLong(room), Long.parseLong(admin.id())));
  }

  @Test
  @DisplayName("rejects /me and plain text without send_messages, while read-only commands still answer")
  void rejectsWritingWithoutSendMessages() {
    assertEquals(201, admin.post("/api/roles", new JsonObject().put("name", "silent").put("rank", 5)
      .put("permissions", new JsonArray())).statusCode());
    TestUser quiet = server.register("quiet");
    server.setRole(quiet, "silent");
    try (BridgeClient client = quiet.connect()) {
      assertEquals(new Failure(403, "forbidden"), client.requestFailure("chat.send", line(general, "hello")));
      assertEquals(new Failure(403, "forbidden"), client.requestFailure("chat.send", line(general, "/me waves")));
      assertTrue(client.request("chat.send", line(general, "/who")).getString("text").contains(quiet.username()));
    }
    assertFalse(String.join("\n", helpLines(quiet)).contains("/me"));
  }

  @Test
  @DisplayName("an unknown command or wrong arguments answer the usage line, to the caller alone")
  void usageLines() {
    try (BridgeClient client = moderator.connect()) {
      JsonObject unknown = client.request("chat.send", line(general, "/frobnicate now"));
      assertEquals(new JsonObject().put("command", "frobnicate").put("ephemeral", true)
        .put("text", "There is no command /frobnicate. /help lists the commands you can run."), unknown);
      assertEquals("Usage: /kick <username>", client.request("chat.send", line(general, "/kick")).getString("text"));
      assertEquals("Usage: /kick <username>", client.request("chat.send", line(general, "/kick two people")).getString("text"));
      assertEquals("Usage: /who", client.request("chat.send", line(general, "/who is here")).getString("text"));
      assertEquals("Usage: /topic <text>", client.request("chat.send", line(general, "/TOPIC   ")).getString("text"));
    }
    try (BridgeClient client = admin.connect()) {
      JsonObject wrong = client.request("chat.send", line(general, "/promote " + member.username()));
      assertEquals("promote", wrong.getString("command"));
      assertTrue(wrong.getBoolean("ephemeral"));
      assertEquals("Usage: /promote <username> <role>", wrong.getString("text"));
    }
  }

  @Test
  @DisplayName("private output is never stored and reaches the caller's user address as command.output")
  void ephemeralOutput() {
    String room = admin.createRoom("quiet-room");
    member.join(room);
    try (BridgeClient asking = member.connect(); BridgeClient otherTab = member.connect(); BridgeClient roomWatcher = admin.connect()) {
      otherTab.register("user." + member.id());
      roomWatcher.register("room." + room);
      JsonObject reply = asking.request("chat.send", line(room, "/rooms").put("clientMsgId", "r-1"));
      JsonObject event = otherTab.next("user." + member.id(), "command.output");
      assertEquals(new JsonObject().put("type", "command.output").put("roomId", room).put("command", "rooms")
        .put("text", reply.getString("text")).put("clientMsgId", "r-1"), event);
      asking.request("chat.send", line(room, "/who"));
      asking.request("chat.send", line(room, "/nonsense"));
      assertEquals(Set.of(), Set.copyOf(roomWatcher.drain("room." + room, "message.new", "room." + room)));
    }
    assertEquals(0, messagesIn(server, room));
    assertEquals("0", server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
  }
}
