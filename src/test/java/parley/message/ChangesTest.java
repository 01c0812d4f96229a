package parley.message;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Replies, reactions, edits and deletions over the bridge")
class ChangesTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser alice;
  private static TestUser bob;
  private static TestUser outsider;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    alice = server.register("alice");
    bob = server.register("bob");
    outsider = server.register("outsider");
  }

  /** A room alice and bob are in (and admin, who made it) but outsider is not. */
  private static String room(String name) {
    return admin.createRoom(name, alice, bob);
  }

  private static JsonObject say(BridgeClient client, String room, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", room).put("content", content)).getJsonObject("message");
  }

  private static JsonObject byId(String messageId) {
    return new JsonObject().put("messageId", messageId);
  }

  @Test
  @DisplayName("an edit changes the text, marks it edited, takes the room's next change number and reaches the room")
  void editReachesTheRoom() {
    String room = room("edits");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      JsonObject original = say(alices, room, "helo");
      JsonObject edited = alices.request("chat.edit", byId(original.getString("id")).put("content", "hello"))
        .getJsonObject("message");
      assertEquals("hello", edited.getString("content"));
      assertEquals(original.getLong("seq"), edited.getLong("seq"), "an edit keeps the message's place");
      assertEquals(original.getLong("changeSeq") + 1, edited.getLong("changeSeq"));
      assertTrue(edited.getString("editedAt").endsWith("Z"));

      bobs.next("room." + room, "message.new");
      JsonObject event = bobs.next("room." + room, "message.updated");
      assertEquals(edited.getLong("changeSeq"), event.getLong("changeSeq"));
      assertEquals(room, event.getString("roomId"));
      assertEquals("hello", event.getJsonObject("message").getString("content"));
      assertEquals("hello", bobs.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(0).getString("content"));
    }
  }

  @Test
  @DisplayName("editing to the same text changes nothing and publishes nothing")
  void sameTextIsNoChange() {
    String room = room("same-text");
    try (BridgeClient alices = alice.connect()) {
      JsonObject original = say(alices, room, "steady");
      JsonObject again = alices.request("chat.edit", byId(original.getString("id")).put("content", "steady"))
        .getJsonObject("message");
      assertEquals(original.getLong("changeSeq"), again.getLong("changeSeq"));
      assertNull(again.getString("editedAt"));
      assertEquals("1", server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
    }
  }

  @Test
  @DisplayName("rejects editing someone else's message, a deleted one, a system message, and editing from outside the room")
  void rejectsEdits() {
    String room = room("edit-rules");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect(); BridgeClient outsiders = outsider.connect();
         BridgeClient admins = admin.connect()) {
      String id = say(alices, room, "mine").getString("id");
      assertEquals(new Failure(403, "not_your_message"), bobs.requestFailure("chat.edit", byId(id).put("content", "ours")));
      assertEquals(new Failure(403, "not_a_member"), outsiders.requestFailure("chat.edit", byId(id).put("content", "x")));
      assertEquals(new Failure(404, "message_not_found"), alices.requestFailure("chat.edit", byId("999999").put("content", "x")));
      assertEquals(new Failure(400, "invalid_content"), alices.requestFailure("chat.edit", byId(id).put("content", " ")));
      alices.request("chat.delete", byId(id));
      assertEquals(new Failure(409, "message_deleted"), alices.requestFailure("chat.edit", byId(id).put("content", "back")));
      JsonObject system = admins.request("chat.send", new JsonObject().put("roomId", room).put("content", "/topic rules"))
        .getJsonObject("message");
      assertEquals("system", system.getString("kind"));
      assertEquals(new Failure(403, "not_editable"),
        admins.requestFailure("chat.edit", byId(system.getString("id")).put("content", "no")));
    }
  }

  @Test
  @DisplayName("a deletion keeps the row and its seq, clears the content and reactions, and reaches the room as a tombstone")
  void deletionLeavesATombstone() {
    String room = room("deletions");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      String earlier = say(bobs, room, "what do you think?").getString("id");
      JsonObject original = alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "regrettable")
        .put("replyTo", earlier)).getJsonObject("message");
      bobs.request("chat.react", byId(original.getString("id")).put("emoji", "👍"));
      JsonObject deleted = alices.request("chat.delete", byId(original.getString("id"))).getJsonObject("message");
      assertTrue(deleted.getBoolean("deleted"));
      assertEquals("", deleted.getString("content"));
      assertEquals(new JsonArray(), deleted.getJsonArray("reactions"));
      assertNull(deleted.getValue("replyTo"), "nor does it quote anything any more");
      assertEquals(original.getLong("seq"), deleted.getLong("seq"));

      JsonObject event = bobs.next("room." + room, "message.deleted");
      assertEquals(original.getString("id"), event.getString("messageId"));
      assertEquals(deleted.getLong("changeSeq"), event.getLong("changeSeq"));
      assertEquals("", server.queryOne("SELECT content FROM messages WHERE id = ?", Long.parseLong(original.getString("id"))));

      JsonObject again = alices.request("chat.delete", byId(original.getString("id"))).getJsonObject("message");
      assertEquals(deleted.getLong("changeSeq"), again.getLong("changeSeq"), "deleting twice changes nothing");
    }
  }

  @Test
  @DisplayName("rejects deleting someone else's message without delete_any_message; a moderator may")
  void rejectsDeletingOthersMessages() {
    String room = room("delete-rules");
    TestUser moderator = server.register("moddy");
    server.setRole(moderator, "moderator");
    moderator.join(room);
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect();
         BridgeClient outsiders = outsider.connect(); BridgeClient moderators = moderator.connect()) {
      String id = say(alices, room, "alice's").getString("id");
      assertEquals(new Failure(403, "forbidden"), bobs.requestFailure("chat.delete", byId(id)));
      assertEquals(new Failure(403, "not_a_member"), outsiders.requestFailure("chat.delete", byId(id)));
      assertTrue(moderators.request("chat.delete", byId(id)).getJsonObject("message").getBoolean("deleted"));
    }
  }

  @Test
  @DisplayName("reactions count each person once per emoji, normalise shortcodes, and reach the room with who reacted")
  void reactions() {
    String room = room("reactions");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      alices.register("room." + room);
      String id = say(alices, room, "ship it?").getString("id");
      bobs.request("chat.react", byId(id).put("emoji", ":+1:"));
      JsonObject twice = bobs.request("chat.react", byId(id).put("emoji", "👍")).getJsonObject("message");
      JsonObject both = alices.request("chat.react", byId(id).put("emoji", "👍").put("on", true)).getJsonObject("message");
      assertEquals(new JsonArray().add(new JsonObject().put("emoji", "👍").put("count", 2)
        .put("userIds", new JsonArray(List.of(bob.id(), alice.id())))), both.getJsonArray("reactions"));
      assertEquals(twice.getLong("changeSeq") + 1, both.getLong("changeSeq"), "the repeated reaction took no number");

      JsonObject event = alices.next("room." + room, "reaction.changed");
      assertEquals("👍", event.getString("emoji"));
      assertEquals(1, event.getInteger("count"));
      assertEquals(new JsonArray(List.of(bob.id())), event.getJsonArray("userIds"));

      JsonObject off = bobs.request("chat.react", byId(id).put("emoji", "👍").put("on", false)).getJsonObject("message");
      assertEquals(new JsonArray(List.of(alice.id())), off.getJsonArray("reactions").getJsonObject(0).getJsonArray("userIds"));
      JsonObject gone = alices.request("chat.react", byId(id).put("emoji", "👍").put("on", false)).getJsonObject("message");
      assertEquals(new JsonArray(), gone.getJsonArray("reactions"));
      List<String> firstUse = List.of("👩‍💻", "👋🏽", "🇳🇴", "1️⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🎉");
      for (String emoji : firstUse) {
        bobs.request("chat.react", byId(id).put("emoji", emoji));
      }
      alices.request("chat.react", byId(id).put("emoji", "🇳🇴"));
      bobs.request("chat.react", byId(id).put("emoji", "🇳🇴").put("on", false));
      JsonArray listed = alices.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(0).getJsonArray("reactions");
      assertEquals(firstUse, listed.stream().map(reaction -> ((JsonObject) reaction).getString("emoji")).toList(),
        "listed in the order of first use, which an emoji keeps while anyone still has it");
    }
  }

  @Test
  @DisplayName("rejects reactions that are not one emoji, reactions from outside the room, and reactions to deleted messages")
  void rejectsReactions() {
    String room = room("reaction-rules");
    try (BridgeClient alices = alice.connect(); BridgeClient outsiders = outsider.connect()) {
      String id = say(alices, room, "react to me").getString("id");
      for (String bad : List.of("", "a", "👍👍", ":not_a_code:", "👍 ", "<b>", "\u200D")) {
        assertEquals(new Failure(400, "invalid_emoji"), alices.requestFailure("chat.react", byId(id).put("emoji", bad)), bad);
      }
      assertEquals(new Failure(403, "not_a_member"), outsiders.requestFailure("chat.react", byId(id).put("emoji", "👍")));
      alices.request("chat.delete", byId(id));
      assertEquals(new Failure(409, "message_deleted"), alices.requestFailure("chat.react", byId(id).put("emoji", "👍")));
    }
  }

  @Test
  @DisplayName("rejects a 51st different emoji on one message")
  void rejectsTooManyEmoji() {
    String room = room("emoji-cap");
    try (BridgeClient alices = alice.connect()) {
      String id = say(alices, room, "collect them all").getString("id");
      int added = 0;
      for (int point = 0x1F600; added < ChangeVerticle.MAX_EMOJI_PER_MESSAGE; point++, added++) {
        alices.request("chat.react", byId(id).put("emoji", Character.toString(point)));
      }
      assertEquals(new Failure(409, "too_many_reactions"), alices.requestFailure("chat.react", byId(id).put("emoji", "🚀")));
      alices.request("chat.react", byId(id).put("emoji", Character.toString(0x1F600)).put("on", false));
      alices.request("chat.react", byId(id).put("emoji", "🚀"));
    }
  }

  @Test
  @DisplayName("a reply carries a quote of the original, which shows as deleted once the original is deleted")
  void repliesQuoteTheOriginal() {
    String room = room("replies");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      String longText = "x".repeat(200);
      JsonObject original = say(alices, room, longText);
      JsonObject reply = bobs.request("chat.send", new JsonObject().put("roomId", room).put("content", "agreed")
        .put("replyTo", original.getString("id"))).getJsonObject("message");
      JsonObject quote = reply.getJsonObject("replyTo");
      assertEquals(original.getString("id"), quote.getString("id"));
      assertEquals("x".repeat(140), quote.getString("preview"));
      assertEquals(alice.username(), quote.getJsonObject("author").getString("username"));
      assertFalse(quote.getBoolean("deleted"));

      alices.request("chat.delete", byId(original.getString("id")));
      JsonObject again = bobs.request("chat.send", new JsonObject().put("roomId", room).put("content", "still here")
        .put("replyTo", original.getString("id"))).getJsonObject("message");
      assertTrue(again.getJsonObject("replyTo").getBoolean("deleted"));
      assertEquals("", again.getJsonObject("replyTo").getString("preview"));
      JsonArray history = bobs.request("chat.history", new JsonObject().put("roomId", room)).getJsonArray("messages");
      assertTrue(history.getJsonObject(1).getJsonObject("replyTo").getBoolean("deleted"), "the earlier reply shows it too");
    }
  }

  @Test
  @DisplayName("rejects a reply to a message of another room or one that does not exist")
  void rejectsForeignReplies() {
    String room = room("reply-rules");
    String elsewhere = room("reply-elsewhere");
    try (BridgeClient alices = alice.connect()) {
      String there = say(alices, elsewhere, "over here").getString("id");
      assertEquals(new Failure(400, "invalid_reply"), alices.requestFailure("chat.send",
        new JsonObject().put("roomId", room).put("content", "re").put("replyTo", there)));
      assertEquals(new Failure(400, "invalid_reply"), alices.requestFailure("chat.send",
        new JsonObject().put("roomId", room).put("content", "re").put("replyTo", "99999999")));
      assertEquals(new Failure(400, "invalid_id"), alices.requestFailure("chat.send",
        new JsonObject().put("roomId", room).put("content", "re").put("replyTo", "first")));
    }
  }
}
