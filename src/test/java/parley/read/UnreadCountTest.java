package parley.read;

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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@DisplayName("Unread and mention counts, in GET /api/rooms and chat.sync, and mention.new")
class UnreadCountTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser moderator;
  private static TestUser member;
  private static TestUser reader;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    moderator = server.register("mod");
    server.setRole(moderator, "moderator");
    member = server.register("member");
    reader = server.register("reader");
  }

  private static JsonObject say(BridgeClient client, String room, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", room).put("content", content)).getJsonObject("message");
  }

  /** {unread, mentions} of a room for a user, as GET /api/rooms has them. */
  private static List<Long> counts(TestUser user, String room) {
    JsonObject entry = user.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").stream().map(JsonObject.class::cast)
      .filter(candidate -> candidate.getString("id").equals(room)).findFirst().orElseThrow();
    return List.of(entry.getLong("unread"), entry.getLong("mentions"));
  }

  private String roomWithEveryone(String name) {
    String room = admin.createRoom(name);
    moderator.join(room);
    member.join(room);
    reader.join(room);
    return room;
  }

  @Test
  @DisplayName("counts messages after the cursor that are not deleted, not one's own and not system lines")
  void countsWhatIsUnread() {
    String room = roomWithEveryone("counting");
    try (BridgeClient members = member.connect(); BridgeClient admins = admin.connect()) {
      say(members, room, "one");
      String doomed = say(members, room, "two").getString("id");
      say(members, room, "three");
      assertEquals(List.of(3L, 0L), counts(reader, room));
      members.request("chat.delete", new JsonObject().put("messageId", doomed));
      assertEquals(List.of(2L, 0L), counts(reader, room), "a deleted message is not unread");
      admins.request("chat.send", new JsonObject().put("roomId", room).put("content", "/topic Counting things"));
      assertEquals(List.of(2L, 0L), counts(reader, room), "what a command did is not unread");
      assertEquals(List.of(0L, 0L), counts(member, room), "one's own messages are never unread");
      members.request("chat.send", new JsonObject().put("roomId", room).put("content", "/me waves"));
      assertEquals(List.of(3L, 0L), counts(reader, room), "an action is a message like any other");
    }
  }

  @Test
  @DisplayName("counts mentions: @username by a member, @room by a moderator, but not @room by a plain member")
  void countsMentions() {
    String room = roomWithEveryone("mentions");
    try (BridgeClient members = member.connect(); BridgeClient moderators = moderator.connect()) {
      say(members, room, "@room is anyone there?");
      assertEquals(List.of(1L, 0L), counts(reader, room), "members lack mention_everyone");
      say(members, room, "@" + reader.username() + " are you there?");
      assertEquals(List.of(2L, 1L), counts(reader, room));
      say(moderators, room, "@here stand-up in five");
      assertEquals(List.of(3L, 2L), counts(reader, room));
      assertEquals(List.of(1L, 1L), counts(member, room), "@here by a moderator reaches every member");
      assertEquals(List.of(0L, 0L), counts(moderator, room), "not one's own mention");
    }
  }

  @Test
  @DisplayName("chat.sync answers readSeq, unread and mentions for each room, so a reconnecting client needs one round trip")
  void syncCarriesCounts() {
    String room = roomWithEveryone("sync-counts");
    String quiet = roomWithEveryone("sync-quiet");
    long first;
    try (BridgeClient members = member.connect()) {
      first = say(members, room, "@" + reader.username() + " ping").getLong("seq");
      say(members, room, "more");
    }
    try (BridgeClient readers = reader.connect()) {
      JsonObject rooms = readers.request("chat.sync", new JsonObject().put("cursors",
        new JsonObject().put(room, 0).put(quiet, 0))).getJsonObject("rooms");
      JsonObject busy = rooms.getJsonObject(room);
      assertEquals(List.of(0L, 2L, 1L), List.of(busy.getLong("readSeq"), busy.getLong("unread"), busy.getLong("mentions")));
      JsonObject none = rooms.getJsonObject(quiet);
      assertEquals(List.of(0L, 0L, 0L), List.of(none.getLong("readSeq"), none.getLong("unread"), none.getLong("mentions")));
      readers.request("chat.read", new JsonObject().put("roomId", room).put("seq", first));
      busy = readers.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, first)))
        .getJsonObject("rooms").getJsonObject(room);
      assertEquals(List.of(first, 1L, 0L), List.of(busy.getLong("readSeq"), busy.getLong("unread"), busy.getLong("mentions")));
    }
  }

  @Test
  @DisplayName("mention.new reaches the mentioned member on their user address, and not someone named who is not in the room")
  void mentionNewReachesMembersOnly() {
    String room = roomWithEveryone("pings");
    TestUser outsider = server.register("outsider");
    try (BridgeClient members = member.connect(); BridgeClient readers = reader.connect();
         BridgeClient outsiders = outsider.connect()) {
      readers.register("user." + reader.id());
      outsiders.register("user." + outsider.id());
      JsonObject message = say(members, room, "@" + reader.username() + " and @" + outsider.username() + ", look");
      JsonObject mention = readers.next("user." + reader.id(), "mention.new");
      assertEquals(room, mention.getString("roomId"));
      assertEquals(message.getString("id"), mention.getString("messageId"));
      assertEquals(message.getLong("seq"), mention.getLong("seq"));
      assertEquals(member.id(), mention.getJsonObject("from").getString("id"));
      assertEquals(message.getString("content"), mention.getString("preview"));
      assertEquals(List.of(), outsiders.drain("user." + outsider.id(), "mention.new", "user." + outsider.id()));
      assertEquals(List.of(reader.id()), message.getJsonArray("mentions").getList());
    }
  }
}
