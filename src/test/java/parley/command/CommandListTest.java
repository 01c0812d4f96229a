package parley.command;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /api/commands")
class CommandListTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    server.register("root");
  }

  private static List<JsonObject> commandsOf(TestUser user) {
    HttpResponse<Buffer> response = user.get("/api/commands");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("commands").stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> names(List<JsonObject> commands) {
    return commands.stream().map(command -> command.getString("name")).toList();
  }

  @Test
  @DisplayName("lists a member's commands without /kick, and a moderator's with it")
  void onlyWhatTheCallerMayRun() {
    TestUser member = server.register("member");
    TestUser moderator = server.register("moderator");
    server.setRole(moderator, "moderator");

    List<String> memberCommands = names(commandsOf(member));
    assertTrue(memberCommands.containsAll(List.of("help", "rooms", "who", "me", "nick", "invite")), memberCommands.toString());
    assertFalse(memberCommands.contains("kick"), memberCommands.toString());
    assertFalse(memberCommands.contains("promote"), memberCommands.toString());
    assertTrue(names(commandsOf(moderator)).contains("kick"));
  }

  @Test
  @DisplayName("gives each command's usage, description and permission, in /help's order")
  void describesEachCommand() {
    TestUser moderator = server.register("describer");
    server.setRole(moderator, "moderator");
    List<JsonObject> commands = commandsOf(moderator);

    assertEquals("help", commands.get(0).getString("name"));
    JsonObject kick = commands.stream().filter(command -> command.getString("name").equals("kick")).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("name", "kick").put("usage", "/kick <username>")
      .put("description", "Removes someone from this room.").put("permission", "kick_users"), kick);
    assertTrue(commands.get(0).containsKey("permission"));
    assertEquals(null, commands.get(0).getValue("permission"));
  }

  @Test
  @DisplayName("follows a role change at once")
  void followsRoleChanges() {
    TestUser promoted = server.register("promoted");
    assertFalse(names(commandsOf(promoted)).contains("kick"));
    server.setRole(promoted, "moderator");
    assertTrue(names(commandsOf(promoted)).contains("kick"));
  }
}
