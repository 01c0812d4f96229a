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
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Mentions are resolved when a message is stored")
class MentionsTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser ada;
  private static TestUser bo;
  private static TestUser stranger;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    ada = server.register("ada");
    bo = server.register("bo.b");
    stranger = server.register("stranger");
  }

  @Test
  @DisplayName("the text names @usernames in any case, with trailing punctuation, but not inside e-mail addresses")
  void parsing() {
    assertEquals(Set.of("ada"), Mentions.in("hi @Ada").usernames());
    assertEquals(Set.of("bo.b.", "bo.b"), Mentions.in("thanks @bo.b.").usernames());
    assertEquals(Set.of(), Mentions.in("mail ada@example.org or @x").usernames());
    assertTrue(Mentions.in("@here look").room());
    assertFalse(Mentions.in("@room").allowed(true, false).room());
    assertEquals(Set.of(), Mentions.in("@ada").allowed(false, true).usernames());
  }

  @Test
  @DisplayName("members named are listed and told with mention.new; the author and non-members are not")
  void membersAreToldOthersAreNot() {
    String room = admin.createRoom("mentions", ada, bo);
    try (BridgeClient adas = ada.connect(); BridgeClient bos = bo.connect(); BridgeClient strangers = stranger.connect()) {
      bos.register("user." + bo.id());
      strangers.register("user." + stranger.id());
      JsonObject message = adas.request("chat.send", new JsonObject().put("roomId", room)
        .put("content", "@" + bo.username() + ". and @" + stranger.username() + " and @" + ada.username())).getJsonObject("message");
      assertEquals(new JsonArray(List.of(bo.id())), message.getJsonArray("mentions"));
      assertFalse(message.getBoolean("mentionsRoom"));

      JsonObject mention = bos.next("user." + bo.id(), "mention.new");
      assertEquals(room, mention.getString("roomId"));
      assertEquals(message.getString("id"), mention.getString("messageId"));
      assertEquals(ada.username(), mention.getJsonObject("from").getString("username"));
      assertTrue(mention.getString("preview").startsWith("@" + bo.username()));
      assertTrue(strangers.drain("user." + stranger.id(), "mention.new", "user." + stranger.id()).isEmpty());
    }
  }

  @Test
  @DisplayName("rejects @room from a member without mention_everyone: it names nobody; a moderator's names everyone")
  void roomMentionNeedsThePermission() {
    String room = admin.createRoom("everyone", ada, bo);
    TestUser moderator = server.register("mod");
    server.setRole(moderator, "moderator");
    moderator.join(room);
    try (BridgeClient adas = ada.connect(); BridgeClient bos = bo.connect(); BridgeClient moderators = moderator.connect()) {
      bos.register("user." + bo.id());
      JsonObject plain = adas.request("chat.send", new JsonObject().put("roomId", room).put("content", "@room lunch?"))
        .getJsonObject("message");
      assertFalse(plain.getBoolean("mentionsRoom"));
      assertTrue(bos.drain("user." + bo.id(), "mention.new", "user." + bo.id()).isEmpty());

      JsonObject loud = moderators.request("chat.send", new JsonObject().put("roomId", room).put("content", "@here standup"))
        .getJsonObject("message");
      assertTrue(loud.getBoolean("mentionsRoom"));
      assertEquals(loud.getString("id"), bos.next("user." + bo.id(), "mention.new").getString("messageId"));
    }
  }

  @Test
  @DisplayName("an edit that adds a name tells only the newly named; one that keeps it tells nobody again")
  void editsTellOnlyTheNewlyNamed() {
    String room = admin.createRoom("edit-mentions", ada, bo);
    try (BridgeClient adas = ada.connect(); BridgeClient bos = bo.connect()) {
      bos.register("user." + bo.id());
      String id = adas.request("chat.send", new JsonObject().put("roomId", room).put("content", "who is on call?"))
        .getJsonObject("message").getString("id");
      adas.request("chat.edit", new JsonObject().put("messageId", id).put("content", "who is on call, @" + bo.username() + "?"));
      assertEquals(id, bos.next("user." + bo.id(), "mention.new").getString("messageId"));
      adas.request("chat.edit", new JsonObject().put("messageId", id).put("content", "@" + bo.username() + " are you on call?"));
      assertTrue(bos.drain("user." + bo.id(), "mention.new", "user." + bo.id()).isEmpty());
      JsonObject deleted = adas.request("chat.delete", new JsonObject().put("messageId", id)).getJsonObject("message");
      assertEquals(new JsonArray(), deleted.getJsonArray("mentions"));
      assertNull(deleted.getValue("replyTo"));
    }
  }
}
