package parley.message;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Pins: moderators pin messages to a room, its members see them in the room's pinned list")
class PinsTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser moderator;
  private static TestUser member;
  private static TestUser outsider;
  private static BridgeClient moderators;
  private static BridgeClient members;
  private static String room;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    moderator = server.register("moderator");
    member = server.register("member");
    outsider = server.register("outsider");
    server.setRole(moderator, "moderator");
    room = admin.createRoom("pinboard", moderator, member);
    moderators = moderator.connect();
    members = member.connect();
    members.register("room." + room);
  }

  @AfterAll
  static void stop() {
    moderators.close();
    members.close();
  }

  private static String send(BridgeClient client, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", room).put("content", content)).getJsonObject("message").getString("id");
  }

  private static JsonObject pin(BridgeClient client, String messageId, boolean pinned) {
    return client.request("chat.pin", new JsonObject().put("messageId", messageId).put("pinned", pinned)).getJsonObject("message");
  }

  /** The room's next message.updated of this message, past those of other tests' messages. */
  private static JsonObject updateOf(String messageId) {
    while (true) {
      JsonObject event = members.next("room." + room, "message.updated");
      if (event.getJsonObject("message").getString("id").equals(messageId)) {
        return event;
      }
    }
  }

  private static List<String> pins(TestUser user) {
    return user.get("/api/rooms/" + room + "/pins").bodyAsJsonObject().getJsonArray("pins").stream().map(JsonObject.class::cast)
      .map(message -> message.getString("content")).toList();
  }

  @Test
  @DisplayName("a moderator pins anyone's message: the answer and the room's message.updated say who and when, and the list shows it")
  void pinsAMessage() {
    String id = send(members, "the runbook lives at https://wiki.example/runbook");
    JsonObject pinned = pin(moderators, id, true);
    assertEquals(moderator.id(), pinned.getJsonObject("pinned").getString("by"));
    JsonObject event = updateOf(id);
    assertEquals(pinned.getJsonObject("pinned"), event.getJsonObject("message").getJsonObject("pinned"));
    assertEquals(pinned.getLong("changeSeq"), event.getJsonObject("message").getLong("changeSeq"));
    assertEquals("the runbook lives at https://wiki.example/runbook", pins(member).get(0));
    JsonObject again = pin(moderators, id, true);
    assertEquals(pinned.getLong("changeSeq"), again.getLong("changeSeq"), "pinning twice changes nothing");
    JsonObject history = member.get("/api/rooms/" + room + "/messages").bodyAsJsonObject();
    assertEquals(pinned.getJsonObject("pinned"), history.getJsonArray("messages").stream().map(JsonObject.class::cast)
      .filter(message -> message.getString("id").equals(id)).findFirst().orElseThrow().getJsonObject("pinned"));

    assertNull(pin(moderators, id, false).getValue("pinned"));
    assertEquals(List.of(), pins(member).stream().filter(content -> content.contains("runbook")).toList());
  }

  @Test
  @DisplayName("rejects a member without pin_messages, and changes nothing")
  void rejectsWithoutThePermission() {
    String id = send(members, "pin me, please");
    assertEquals(new BridgeClient.Failure(403, "forbidden"),
      members.requestFailure("chat.pin", new JsonObject().put("messageId", id).put("pinned", true)));
    assertEquals("f", server.queryOne("SELECT pinned_at IS NOT NULL FROM messages WHERE id = ?", Long.parseLong(id)));
  }

  @Test
  @DisplayName("rejects pinning in a room the pinner is not in, and the pinned list to someone not in the room")
  void rejectsOutsiders() {
    String dm = member.post("/api/dms", new JsonObject().put("userId", outsider.id())).bodyAsJsonObject().getJsonObject("room").getString("id");
    String secret = members.request("chat.send", new JsonObject().put("roomId", dm).put("content", "between us"))
      .getJsonObject("message").getString("id");
    assertEquals(new BridgeClient.Failure(403, "not_a_member"),
      moderators.requestFailure("chat.pin", new JsonObject().put("messageId", secret).put("pinned", true)));
    assertEquals("f", server.queryOne("SELECT pinned_at IS NOT NULL FROM messages WHERE id = ?", Long.parseLong(secret)));
    assertError(outsider.get("/api/rooms/" + room + "/pins"), 403, "not_a_member");
    assertError(outsider.get("/api/rooms/987654321/pins"), 404, "room_not_found");
  }

  @Test
  @DisplayName("rejects pinning a deleted message or a system line; deleting a pinned message unpins it")
  void rejectsWhatCannotBePinned() {
    String gone = send(moderators, "soon gone");
    moderators.request("chat.delete", new JsonObject().put("messageId", gone));
    assertEquals(new BridgeClient.Failure(409, "message_deleted"),
      moderators.requestFailure("chat.pin", new JsonObject().put("messageId", gone).put("pinned", true)));
    String system = send(moderators, "becomes a system line");
    server.queryOne("UPDATE messages SET kind = 'system' WHERE id = ? RETURNING id", Long.parseLong(system));
    assertEquals(new BridgeClient.Failure(403, "not_pinnable"),
      moderators.requestFailure("chat.pin", new JsonObject().put("messageId", system).put("pinned", true)));

    String pinnedThenDeleted = send(moderators, "pinned, then deleted");
    pin(moderators, pinnedThenDeleted, true);
    JsonObject deleted = moderators.request("chat.delete", new JsonObject().put("messageId", pinnedThenDeleted)).getJsonObject("message");
    assertNull(deleted.getValue("pinned"));
    assertEquals(List.of(), pins(member).stream().filter(content -> content.contains("then deleted")).toList());
  }

  @Test
  @DisplayName("GET one message of a room answers it as history shows it, and rejects outsiders and other rooms' ids")
  void oneMessage() {
    String id = send(members, "where the permalink points");
    JsonObject found = member.get("/api/rooms/" + room + "/messages/" + id).bodyAsJsonObject().getJsonObject("message");
    JsonObject shown = member.get("/api/rooms/" + room + "/messages").bodyAsJsonObject().getJsonArray("messages").stream()
      .map(JsonObject.class::cast).filter(message -> message.getString("id").equals(id)).findFirst().orElseThrow();
    assertEquals(shown, found);
    assertError(outsider.get("/api/rooms/" + room + "/messages/" + id), 403, "not_a_member");
    String elsewhere = admin.createRoom("elsewhere", member);
    assertError(member.get("/api/rooms/" + elsewhere + "/messages/" + id), 404, "message_not_found");
    assertError(member.get("/api/rooms/987654321/messages/" + id), 404, "room_not_found");
  }

  @Test
  @DisplayName("a message.updated of a pin is the whole message, as chat.history shows it")
  void eventIsTheWholeMessage() {
    String id = send(members, "whole message");
    JsonObject pinned = pin(moderators, id, true);
    JsonArray history = member.get("/api/rooms/" + room + "/messages").bodyAsJsonObject().getJsonArray("messages");
    JsonObject shown = history.stream().map(JsonObject.class::cast).filter(message -> message.getString("id").equals(id)).findFirst().orElseThrow();
    assertEquals(shown, pinned);
    pin(moderators, id, false);
  }
}
