package parley.announce;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Announcements: sent to an audience once, read and acknowledged by each recipient")
class AnnouncementTest {

  private static TestServer server;
  private static TestUser root;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
  }

  static JsonObject send(TestUser sender, JsonObject audience, boolean requireAck) {
    HttpResponse<Buffer> sent = sender.post("/api/announcements", new JsonObject().put("title", "Office closed Friday")
      .put("body", "The office is closed on Friday.\nWork from home.").put("audience", audience).put("requireAck", requireAck));
    assertEquals(201, sent.statusCode(), sent.bodyAsString());
    return sent.bodyAsJsonObject();
  }

  static JsonObject people(TestUser... users) {
    return new JsonObject().put("userIds", new JsonArray(List.of(users).stream().map(TestUser::id).toList()));
  }

  private static String roleWith(String name, TestUser... holders) {
    String roleId = root.post("/api/roles", new JsonObject().put("name", name).put("rank", 5)
      .put("permissions", new JsonArray().add("send_messages").add("join_rooms"))).bodyAsJsonObject().getJsonObject("role").getString("id");
    for (TestUser holder : holders) {
      assertEquals(200, root.request(io.vertx.core.http.HttpMethod.PATCH, "/api/users/" + holder.id() + "/role")
        .sendJsonObject(new JsonObject().put("roleId", roleId)).await().statusCode());
    }
    return roleId;
  }

  private static JsonObject list(TestUser user) {
    HttpResponse<Buffer> listed = user.get("/api/announcements");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject();
  }

  private static Set<String> ids(JsonArray announcements) {
    return announcements.stream().map(JsonObject.class::cast).map(a -> a.getString("id")).collect(Collectors.toSet());
  }

  private static JsonObject stats(TestUser user, String id, String query) {
    HttpResponse<Buffer> stats = user.get("/api/announcements/" + id + "/stats" + query);
    assertEquals(200, stats.statusCode(), stats.bodyAsString());
    return stats.bodyAsJsonObject();
  }

  @Test
  @DisplayName("resolves people, roles and channels once each, leaves the sender out, and reaches nobody who joins later")
  void audienceResolution() {
    TestUser ann = server.register("ann");
    TestUser bob = server.register("bob");
    TestUser dan = server.register("dan");
    TestUser eve = server.register("eve");
    String ops = roleWith("Ops " + dan.id(), dan);
    String room = root.createRoom("plant-" + bob.id(), bob, dan);
    JsonObject audience = people(ann, bob, root).put("roleIds", new JsonArray().add(ops)).put("roomIds", new JsonArray().add(room));
    JsonObject sent = send(root, audience, false);
    assertEquals(3, sent.getInteger("recipients"), "ann, bob (named and in the room) and dan (role and room): " + sent);
    String id = sent.getJsonObject("announcement").getString("id");
    assertEquals(audience.getJsonArray("userIds"), sent.getJsonObject("announcement").getJsonObject("audience").getJsonArray("userIds"));
    for (TestUser recipient : List.of(ann, bob, dan)) {
      assertTrue(ids(list(recipient).getJsonArray("unread")).contains(id), recipient.username());
    }
    assertEquals(Set.of(), ids(list(eve).getJsonArray("unread")));
    assertEquals(Set.of(), ids(list(root).getJsonArray("unread")));

    TestUser late = server.register("late");
    late.join(room);
    assertEquals(Set.of(), ids(list(late).getJsonArray("unread")));

    int everyone = root.get("/api/users").bodyAsJsonObject().getJsonArray("users").size();
    assertEquals(everyone - 1, send(root, new JsonObject().put("all", true), false).getInteger("recipients"));
  }

  @Test
  @DisplayName("reaches each recipient at once; reading it on one tab tells the others, and lists it as read")
  void liveDeliveryAndRead() {
    TestUser bob = server.register("bob");
    try (BridgeClient phone = bob.connect(); BridgeClient laptop = bob.connect()) {
      phone.register("user." + bob.id());
      laptop.register("user." + bob.id());
      String id = send(root, people(bob), false).getJsonObject("announcement").getString("id");
      for (BridgeClient tab : List.of(phone, laptop)) {
        JsonObject announcement = tab.next("user." + bob.id(), "announcement.new").getJsonObject("announcement");
        assertEquals(id, announcement.getString("id"));
        assertEquals("Office closed Friday", announcement.getString("title"));
        assertEquals(root.id(), announcement.getJsonObject("sender").getString("id"));
        assertNull(announcement.getString("readAt"));
      }
      assertEquals(1, list(bob).getInteger("unreadCount"));

      HttpResponse<Buffer> read = bob.post("/api/announcements/" + id + "/read", new JsonObject());
      assertEquals(200, read.statusCode(), read.bodyAsString());
      String readAt = read.bodyAsJsonObject().getJsonObject("announcement").getString("readAt");
      assertNotNull(readAt);
      for (BridgeClient tab : List.of(phone, laptop)) {
        JsonObject told = tab.next("user." + bob.id(), "announcement.read");
        assertEquals(id, told.getString("announcementId"));
        assertEquals(readAt, told.getString("readAt"));
      }
      JsonObject listed = list(bob);
      assertEquals(0, listed.getInteger("unreadCount"));
      assertEquals(Set.of(id), ids(listed.getJsonArray("read")));
      assertEquals(readAt, bob.post("/api/announcements/" + id + "/read", new JsonObject()).bodyAsJsonObject()
        .getJsonObject("announcement").getString("readAt"), "reading again changes nothing");
    }
  }

  @Test
  @DisplayName("goes delivered, read, acknowledged, and the sender's counts and list of who has not read follow")
  void readAckAndStats() throws Exception {
    TestUser online = server.register("online");
    TestUser reader = server.register("reader");
    TestUser idle = server.register("idle");
    try (BridgeClient connected = online.connect(); BridgeClient senders = root.connect()) {
      connected.register("user." + online.id());
      senders.register("user." + root.id());
      String id = send(root, people(online, reader, idle), true).getJsonObject("announcement").getString("id");
      long deadline = System.currentTimeMillis() + 5000;
      while (stats(root, id, "").getInteger("delivered") < 1) {
        assertTrue(System.currentTimeMillis() < deadline, "never delivered to the connected recipient");
        Thread.sleep(50);
      }
      JsonObject before = stats(root, id, "");
      assertEquals(List.of(3, 1, 0, 0), List.of(before.getInteger("recipients"), before.getInteger("delivered"),
        before.getInteger("read"), before.getInteger("acknowledged")));

      list(reader);
      assertEquals(200, reader.post("/api/announcements/" + id + "/read", new JsonObject()).statusCode());
      assertEquals(Set.of(id), ids(list(reader).getJsonArray("awaitingAck")), "read, but still to acknowledge");
      HttpResponse<Buffer> acked = online.post("/api/announcements/" + id + "/ack", new JsonObject());
      assertEquals(200, acked.statusCode(), acked.bodyAsString());
      assertNotNull(acked.bodyAsJsonObject().getJsonObject("announcement").getString("ackedAt"));
      assertNotNull(acked.bodyAsJsonObject().getJsonObject("announcement").getString("readAt"), "acknowledging reads it too");

      JsonObject after = stats(root, id, "?limit=1");
      assertEquals(List.of(3, 2, 2, 1), List.of(after.getInteger("recipients"), after.getInteger("delivered"),
        after.getInteger("read"), after.getInteger("acknowledged")));
      assertEquals(List.of(idle.id()), after.getJsonArray("notRead").stream().map(JsonObject.class::cast).map(u -> u.getString("id")).toList());
      assertNull(after.getString("next"));
      assertEquals(Set.of(), ids(list(online).getJsonArray("awaitingAck")));
      JsonObject inSent = root.get("/api/announcements/sent").bodyAsJsonObject().getJsonArray("announcements").stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow();
      assertEquals(new JsonObject().put("recipients", 3).put("delivered", 2).put("read", 2).put("acknowledged", 1), inSent.getJsonObject("counts"));

      // The sender watches it climb, without asking.
      JsonObject progress = senders.next("user." + root.id(), "announcement.progress");
      while (progress.getInteger("acknowledged") < 1) {
        progress = senders.next("user." + root.id(), "announcement.progress");
      }
      assertEquals(id, progress.getString("announcementId"));
      assertEquals(List.of(3, 2, 2, 1), List.of(progress.getInteger("recipients"), progress.getInteger("delivered"),
        progress.getInteger("read"), progress.getInteger("acknowledged")));
    }
    String plain = send(root, people(reader, idle), false).getJsonObject("announcement").getString("id");
    assertError(reader.post("/api/announcements/" + plain + "/ack", new JsonObject()), 409, "ack_not_required");
    JsonObject firstPage = stats(root, plain, "?limit=1");
    assertEquals(1, firstPage.getJsonArray("notRead").size());
    JsonObject secondPage = stats(root, plain, "?limit=1&after=" + firstPage.getString("next"));
    assertEquals(Set.of(reader.id(), idle.id()), Set.of(firstPage.getJsonArray("notRead").getJsonObject(0).getString("id"),
      secondPage.getJsonArray("notRead").getJsonObject(0).getString("id")));
  }

  @Test
  @DisplayName("rejects sending without manage_announcements, and counts for a recipient (403) or an outsider (404)")
  void rejectsWithoutPermission() {
    TestUser member = server.register("member");
    TestUser outsider = server.register("outsider");
    HttpResponse<Buffer> refused = member.post("/api/announcements", new JsonObject().put("title", "Hi").put("body", "x")
      .put("audience", new JsonObject().put("all", true)));
    assertError(refused, 403, "forbidden");
    String id = send(root, people(member), true).getJsonObject("announcement").getString("id");
    assertError(member.get("/api/announcements/" + id + "/stats"), 403, "forbidden");
    assertError(member.delete("/api/announcements/" + id), 403, "forbidden");
    assertError(outsider.get("/api/announcements/" + id + "/stats"), 404, "announcement_not_found");
    assertError(outsider.get("/api/announcements/" + id), 404, "announcement_not_found");
    assertError(outsider.post("/api/announcements/" + id + "/read", new JsonObject()), 404, "announcement_not_found");
    assertError(outsider.post("/api/announcements/" + id + "/reactions", new JsonObject().put("emoji", "👍")), 404, "announcement_not_found");
    assertEquals(200, member.get("/api/announcements/" + id).statusCode());
  }

  @Test
  @DisplayName("rejects a bad title, body or audience with words, and stores nothing of it")
  void rejectsBadInput() {
    TestUser bob = server.register("bob");
    String dm = bob.post("/api/dms", new JsonObject().put("userId", root.id())).bodyAsJsonObject().getJsonObject("room").getString("id");
    int sentBefore = root.get("/api/announcements/sent?limit=100").bodyAsJsonObject().getJsonArray("announcements").size();
    JsonObject good = new JsonObject().put("title", "Title").put("body", "Body").put("audience", people(bob));
    List<JsonObject> badAnnouncements = List.of(good.copy().put("title", ""), good.copy().put("title", "x".repeat(201)),
      good.copy().put("title", "two\nlines"), good.copy().put("body", "nul \u0000"), good.copy().put("body", "y".repeat(10_001)),
      withoutTitle(good), good.copy().put("requireAck", "yes"));
    for (JsonObject bad : badAnnouncements) {
      assertError(root.post("/api/announcements", bad), 400, "invalid_announcement");
    }
    List<Object> badAudiences = List.of("everyone", new JsonObject(), new JsonObject().put("all", false),
      new JsonObject().put("everyone", true), new JsonObject().put("userIds", "1"), new JsonObject().put("userIds", new JsonArray().add("x")),
      new JsonObject().put("userIds", new JsonArray().add("999999")), new JsonObject().put("roleIds", new JsonArray().add("999999")),
      new JsonObject().put("roomIds", new JsonArray().add(dm)));
    for (Object audience : badAudiences) {
      assertError(root.post("/api/announcements", good.copy().put("audience", audience)), 400, "invalid_audience");
    }
    assertError(root.post("/api/announcements", good.copy().put("audience", people(root))), 400, "empty_audience");
    assertEquals(sentBefore, root.get("/api/announcements/sent?limit=100").bodyAsJsonObject().getJsonArray("announcements").size());
    assertEquals(Set.of(), ids(list(bob).getJsonArray("unread")));
    assertError(root.get("/api/announcements?limit=0"), 400, "invalid_limit");
    assertError(root.get("/api/announcements/abc"), 400, "invalid_id");
  }

  private static JsonObject withoutTitle(JsonObject good) {
    JsonObject copy = good.copy();
    copy.remove("title");
    return copy;
  }

  @Test
  @DisplayName("withdrawn, it disappears for recipients (told at once) while its sender keeps the counts")
  void withdrawal() {
    TestUser bob = server.register("bob");
    try (BridgeClient client = bob.connect()) {
      client.register("user." + bob.id());
      String id = send(root, people(bob), false).getJsonObject("announcement").getString("id");
      client.next("user." + bob.id(), "announcement.new");
      HttpResponse<Buffer> withdrawn = root.delete("/api/announcements/" + id);
      assertEquals(200, withdrawn.statusCode(), withdrawn.bodyAsString());
      assertEquals(id, client.next("user." + bob.id(), "announcement.withdrawn").getString("announcementId"));
      assertEquals(Set.of(), ids(list(bob).getJsonArray("unread")));
      assertError(bob.get("/api/announcements/" + id), 404, "announcement_not_found");
      assertError(bob.post("/api/announcements/" + id + "/read", new JsonObject()), 404, "announcement_not_found");
      assertEquals(1, stats(root, id, "").getInteger("recipients"));
      JsonObject mine = root.get("/api/announcements/sent").bodyAsJsonObject().getJsonArray("announcements").stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow();
      assertNotNull(mine.getString("withdrawnAt"));
      assertEquals(200, root.delete("/api/announcements/" + id).statusCode(), "withdrawing twice is harmless");
    }
  }

  @Test
  @DisplayName("counts reactions like a message's, and tells them to the sender and the recipients")
  void reactions() {
    TestUser ann = server.register("ann");
    TestUser bob = server.register("bob");
    try (BridgeClient senders = root.connect(); BridgeClient bobs = bob.connect()) {
      senders.register("user." + root.id());
      bobs.register("user." + bob.id());
      String id = send(root, people(ann, bob), false).getJsonObject("announcement").getString("id");
      String path = "/api/announcements/" + id + "/reactions";
      assertEquals(200, ann.post(path, new JsonObject().put("emoji", "👍").put("on", true)).statusCode());
      assertEquals(200, bob.post(path, new JsonObject().put("emoji", ":+1:").put("on", true)).statusCode());
      assertEquals(200, bob.post(path, new JsonObject().put("emoji", "👍").put("on", true)).statusCode(), "again changes nothing");
      JsonObject answer = bob.post(path, new JsonObject().put("emoji", ":tada:").put("on", true)).bodyAsJsonObject();
      assertEquals(new JsonArray().add(new JsonObject().put("emoji", "👍").put("count", 2).put("mine", true))
        .add(new JsonObject().put("emoji", "🎉").put("count", 1).put("mine", true)), answer.getJsonObject("announcement").getJsonArray("reactions"));
      assertError(bob.post(path, new JsonObject().put("emoji", "not one")), 400, "invalid_emoji");

      for (BridgeClient client : List.of(senders, bobs)) {
        String address = "user." + (client == senders ? root.id() : bob.id());
        JsonObject told = client.next(address, "announcement.reactions", 5000);
        while (told.getJsonArray("reactions").size() < 2) {
          told = client.next(address, "announcement.reactions", 5000);
        }
        assertEquals(new JsonArray().add(new JsonObject().put("emoji", "👍").put("count", 2))
          .add(new JsonObject().put("emoji", "🎉").put("count", 1)), told.getJsonArray("reactions"));
      }
      assertEquals(200, ann.post(path, new JsonObject().put("emoji", "👍").put("on", false)).statusCode());
      JsonObject annView = ann.get("/api/announcements/" + id).bodyAsJsonObject().getJsonObject("announcement");
      assertEquals(new JsonObject().put("emoji", "👍").put("count", 1).put("mine", false), annView.getJsonArray("reactions").getJsonObject(0));
    }
  }
}
