package parley.room;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Moderation: kick, topic, adding people, and the tenant address")
class ModerationTest {

  private static TestServer server;
  private static TestUser root;
  private static TestUser mod;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    mod = server.register("mod");
    server.setRole(mod, "moderator");
    general = root.generalRoomId();
  }

  @Test
  @DisplayName("a kick removes the member, tells the room and the user, and cuts their room events at once")
  void kickCutsLiveDelivery() {
    String room = mod.createRoom("kickable");
    TestUser troll = server.register("troll");
    troll.join(room);
    try (BridgeClient trolls = troll.connect(); BridgeClient mods = mod.connect()) {
      trolls.register("room." + room);
      trolls.register("user." + troll.id());
      mods.register("room." + room);
      assertEquals(200, mod.delete("/api/rooms/" + room + "/members/" + troll.id()).statusCode());
      JsonObject kicked = trolls.next("user." + troll.id(), "kicked");
      assertEquals(room, kicked.getString("roomId"));
      assertEquals(mod.id(), kicked.getString("by"));
      JsonObject left = mods.next("room." + room, "member.left");
      assertEquals(troll.id(), left.getString("userId"));
      assertEquals(mod.id(), left.getString("by"));
      mods.request("chat.send", new JsonObject().put("roomId", room).put("content", "after the kick"));
      assertEquals(0, trolls.drain("room." + room, "message.new", "user." + troll.id()).size());
      assertEquals(new BridgeClient.Failure(403, "not_a_member"),
        trolls.requestFailure("chat.send", new JsonObject().put("roomId", room).put("content", "let me back")));
    }
  }

  @Test
  @DisplayName("rejects kicking someone ranked above, kicking from #general, and kicking a non-member")
  void rejectsBadKicks() {
    String room = root.createRoom("boardroom");
    mod.join(room);
    assertError(mod.delete("/api/rooms/" + room + "/members/" + root.id()), 403, "rank_too_high");
    TestUser bystander = server.register("bystander");
    assertError(mod.delete("/api/rooms/" + general + "/members/" + bystander.id()), 403, "default_room");
    assertError(mod.delete("/api/rooms/" + room + "/members/" + bystander.id()), 403, "not_a_member");
    assertError(bystander.delete("/api/rooms/" + room + "/members/" + mod.id()), 403, "forbidden");
  }

  @Test
  @DisplayName("setting the topic publishes room.updated; rejects it without set_room_topic or outside the room")
  void topic() {
    String room = mod.createRoom("topical");
    TestUser member = server.register("plain");
    member.join(room);
    try (BridgeClient watcher = member.connect()) {
      watcher.register("room." + room);
      HttpResponse<Buffer> set = mod.request(HttpMethod.PATCH, "/api/rooms/" + room).sendJsonObject(new JsonObject().put("topic", "Ship it")).await();
      assertEquals(200, set.statusCode(), set.bodyAsString());
      assertEquals("Ship it", watcher.next("room." + room, "room.updated").getJsonObject("room").getString("topic"));
    }
    assertError(member.request(HttpMethod.PATCH, "/api/rooms/" + room).sendJsonObject(new JsonObject().put("topic", "Mine")).await(), 403, "forbidden");
    String elsewhere = root.createRoom("elsewhere");
    assertError(mod.request(HttpMethod.PATCH, "/api/rooms/" + elsewhere).sendJsonObject(new JsonObject().put("topic", "x")).await(), 403, "not_a_member");
    assertError(mod.request(HttpMethod.PATCH, "/api/rooms/" + room).sendJsonObject(new JsonObject().put("topic", "x".repeat(251))).await(), 400, "invalid_topic");
  }

  @Test
  @DisplayName("a member brings someone into a private room; rejects it from outside the room")
  void addToPrivateRoom() {
    String hideout = root.post("/api/rooms", new JsonObject().put("name", "hideout").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    TestUser friend = server.register("friend");
    TestUser outsider = server.register("outsider");
    try (BridgeClient friends = friend.connect()) {
      friends.register("user." + friend.id());
      HttpResponse<Buffer> added = root.post("/api/rooms/" + hideout + "/members", new JsonObject().put("userId", friend.id()));
      assertEquals(200, added.statusCode(), added.bodyAsString());
      assertEquals(hideout, friends.next("user." + friend.id(), "room.joined").getJsonObject("room").getString("id"));
    }
    assertError(outsider.post("/api/rooms/" + hideout + "/members", new JsonObject().put("userId", outsider.id())), 403, "not_a_member");
    assertError(root.post("/api/rooms/" + hideout + "/members", new JsonObject().put("userId", "987654")), 404, "user_not_found");
  }

  @Test
  @DisplayName("tenant.<id> carries room.created and room.deleted for public rooms only; rejects another tenant's address")
  void tenantAddress() {
    TestUser watcher = server.register("watcher");
    try (BridgeClient client = watcher.connect()) {
      client.register("tenant.1");
      root.post("/api/rooms", new JsonObject().put("name", "secret-plans").put("private", true));
      String open = root.createRoom("open-plans");
      JsonObject created = client.next("tenant.1", "room.created");
      assertEquals(open, created.getJsonObject("room").getString("id"));
      assertEquals(200, root.delete("/api/rooms/" + open).statusCode());
      assertEquals(open, client.next("tenant.1", "room.deleted").getString("roomId"));
      assertEquals(0, client.drain("tenant.1", "room.created", "tenant.1").size());
      assertEquals("rejected", client.registerRefused("tenant.2").getString("body"));
    }
  }
}
