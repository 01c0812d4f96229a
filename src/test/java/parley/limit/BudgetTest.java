package parley.limit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;
import static parley.testing.ApiAssertions.assertRateLimited;

/** Each test spends one budget, set to 3, and finds the next attempt refused with nothing made. */
@ExtendWith(VertxExtension.class)
@DisplayName("Budgets for making things and reaching people")
class BudgetTest {

  private static final int LIMIT = 3;
  /** How the bridge answers past a budget: the bridge's error frame carries no wait. */
  private static final BridgeClient.Failure RATE_LIMITED = new BridgeClient.Failure(429, "rate_limited");

  private static HttpResponse<Buffer> dm(TestUser from, TestUser to) {
    return from.post("/api/dms", new JsonObject().put("userId", to.id()));
  }

  private static HttpResponse<Buffer> group(TestUser from, TestUser... with) {
    JsonArray ids = new JsonArray();
    for (TestUser user : with) {
      ids.add(user.id());
    }
    return from.post("/api/groups", new JsonObject().put("userIds", ids));
  }

  private static HttpResponse<Buffer> newRoom(TestUser by, String name) {
    return by.post("/api/rooms", new JsonObject().put("name", name));
  }

  private static HttpResponse<Buffer> displayName(TestUser by, TestUser whose, String name) {
    return by.request(HttpMethod.PATCH, "/api/users/" + whose.id() + "/display-name")
      .sendJsonObject(new JsonObject().put("displayName", name)).await();
  }

  private static HttpResponse<Buffer> topic(TestUser by, String roomId, String topic) {
    return by.request(HttpMethod.PATCH, "/api/rooms/" + roomId).sendJsonObject(new JsonObject().put("topic", topic)).await();
  }

  private static HttpResponse<Buffer> invite(TestUser by) {
    return by.post("/api/invites", new JsonObject().put("maxUses", 5));
  }

  private static HttpResponse<Buffer> add(TestUser by, String roomId, TestUser who) {
    return by.post("/api/rooms/" + roomId + "/members", new JsonObject().put("userId", who.id()));
  }

  private static JsonObject commandIn(String roomId, String content) {
    return new JsonObject().put("roomId", roomId).put("content", content);
  }

  private static JsonObject command(BridgeClient client, String roomId, String content) {
    return client.request("chat.send", commandIn(roomId, content));
  }

  private static void assertCreated(HttpResponse<Buffer> response) {
    assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.statusCode() + " " + response.bodyAsString());
  }

  @Test
  @DisplayName("rejects a new DM or group past CONVERSATION_RATE_LIMIT_PER_MINUTE with 429 and Retry-After, making none; opening a DM that exists is free")
  void conversations(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("CONVERSATION_RATE_LIMIT_PER_MINUTE", LIMIT));
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    TestUser dan = server.register("dan");
    assertTrue(dm(alice, bob).bodyAsJsonObject().getBoolean("created"));
    assertTrue(dm(alice, carol).bodyAsJsonObject().getBoolean("created"));
    assertCreated(group(alice, bob, carol));
    HttpResponse<Buffer> again = dm(alice, bob);
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertFalse(again.bodyAsJsonObject().getBoolean("created"));

    assertRateLimited(dm(alice, dan), 60);
    assertRateLimited(group(alice, bob, dan), 60);
    assertEquals("3", server.queryOne("SELECT count(*) FROM rooms WHERE kind IN ('dm', 'group')"));

    assertTrue(dm(dan, alice).bodyAsJsonObject().getBoolean("created"), "someone else's budget is their own");
    assertEquals("4", server.queryOne("SELECT count(*) FROM rooms WHERE kind IN ('dm', 'group')"));
  }

  @Test
  @DisplayName("rejects adding someone past MEMBER_ADD_RATE_LIMIT_PER_MINUTE, over REST and by /invite alike, adding nobody")
  void memberAdds(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("MEMBER_ADD_RATE_LIMIT_PER_MINUTE", LIMIT));
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    TestUser dan = server.register("dan");
    TestUser erin = server.register("erin");
    String ops = alice.createRoom("ops");
    String members = "SELECT count(*) FROM room_members WHERE room_id = ?";
    try (BridgeClient client = alice.connect()) {
      assertEquals(200, add(alice, ops, bob).statusCode());
      assertEquals(200, add(alice, ops, carol).statusCode());
      assertFalse(command(client, ops, "/invite " + dan.username()).getBoolean("ephemeral"));

      assertRateLimited(add(alice, ops, erin), 60);
      assertEquals(RATE_LIMITED, client.requestFailure("chat.send", commandIn(ops, "/invite " + erin.username())));
      assertEquals("4", server.queryOne(members, Long.parseLong(ops)));
    }
    assertEquals(200, add(bob, ops, erin).statusCode(), "someone else's budget is their own");
    assertEquals("5", server.queryOne(members, Long.parseLong(ops)));
  }

  @Test
  @DisplayName("rejects a new room past ROOM_CREATE_RATE_LIMIT_PER_HOUR, over REST and by /createroom alike, creating none; refusals for the role spend nothing")
  void rooms(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("ROOM_CREATE_RATE_LIMIT_PER_HOUR", LIMIT));
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    String general = alice.generalRoomId();
    String channels = "SELECT count(*) FROM rooms WHERE kind = 'channel' AND created_by = ?";
    for (int i = 0; i <= LIMIT; i++) {
      assertError(newRoom(carol, "not-allowed-" + i), 403, "forbidden");
    }
    try (BridgeClient client = alice.connect()) {
      assertEquals(201, newRoom(alice, "one").statusCode());
      assertEquals(201, newRoom(alice, "two").statusCode());
      assertFalse(command(client, general, "/createroom three").getBoolean("ephemeral"));

      assertRateLimited(newRoom(alice, "four"), 3600);
      assertEquals(RATE_LIMITED, client.requestFailure("chat.send", commandIn(general, "/createroom four")));
      assertEquals("3", server.queryOne(channels, Long.parseLong(alice.id())));
    }
    server.setRole(bob, "moderator");
    assertEquals(201, newRoom(bob, "four").statusCode(), "someone else's budget is their own");
  }

  @Test
  @DisplayName("rejects a rename past RENAME_RATE_LIMIT_PER_HOUR, display names and topics together, over REST and by /nick and /topic alike, changing nothing")
  void renames(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("RENAME_RATE_LIMIT_PER_HOUR", LIMIT));
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    String general = alice.generalRoomId();
    try (BridgeClient client = alice.connect()) {
      assertEquals(200, displayName(alice, alice, "Alice One").statusCode());
      assertEquals(200, topic(alice, general, "First").statusCode());
      assertFalse(command(client, general, "/nick Alice Two").getBoolean("ephemeral"));

      assertEquals(RATE_LIMITED, client.requestFailure("chat.send", commandIn(general, "/topic Second")));
      assertRateLimited(displayName(alice, alice, "Alice Three"), 3600);
      assertRateLimited(displayName(alice, bob, "Bobby"), 3600);
      assertRateLimited(topic(alice, general, "Second"), 3600);
      assertEquals("Alice Two", server.queryOne("SELECT display_name FROM users WHERE id = ?", Long.parseLong(alice.id())));
      assertEquals("First", server.queryOne("SELECT topic FROM rooms WHERE id = ?", Long.parseLong(general)));
    }
    assertEquals(200, displayName(bob, bob, "Bob").statusCode(), "someone else's budget is their own");
  }

  @Test
  @DisplayName("rejects a new invite past INVITE_RATE_LIMIT_PER_HOUR, making none; refusals for the role spend nothing")
  void invites(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("INVITE_RATE_LIMIT_PER_HOUR", LIMIT));
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    for (int i = 0; i <= LIMIT; i++) {
      assertError(invite(carol), 403, "forbidden");
    }
    for (int i = 0; i < LIMIT; i++) {
      assertEquals(201, invite(alice).statusCode());
    }
    assertRateLimited(invite(alice), 3600);
    assertEquals("3", server.queryOne("SELECT count(*) FROM invites"));

    server.setRole(bob, "superadmin");
    assertEquals(201, invite(bob).statusCode(), "someone else's budget is their own");
  }
}
