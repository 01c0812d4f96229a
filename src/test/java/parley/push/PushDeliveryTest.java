package parley.push;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.BridgeClient;
import parley.testing.TestUser;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.push.PushTesting.await;
import static parley.push.PushTesting.dm;
import static parley.push.PushTesting.expo;
import static parley.push.PushTesting.expoMessagesTo;
import static parley.push.PushTesting.send;
import static parley.push.PushTesting.subscribe;

@DisplayName("Push: what reaches people who are not connected, and how")
class PushDeliveryTest extends PushServerTest {

  @Test
  @DisplayName("a DM to someone with no live connection reaches each of their devices once, encrypted and VAPID-signed")
  void directMessageToEveryDevice() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    FakePushService.Device phone = fake.device("phone-" + bob.id());
    String token = "ExponentPushToken[bob-" + bob.id() + "]";
    subscribe(bob, laptop.subscription());
    subscribe(bob, phone.subscription());
    subscribe(bob, expo(token));
    String room = dm(alice, bob);
    String messageId = send(alice, room, "psst, lunch?");

    await("a push to each device", () -> fake.toDevice(laptop).size() == 1 && fake.toDevice(phone).size() == 1
      && expoMessagesTo(fake, token).size() == 1);
    for (FakePushService.Device device : List.of(laptop, phone)) {
      FakePushService.Received push = fake.toDevice(device).get(0);
      JsonObject shown = device.decrypt(push);
      assertEquals("Alice A.", shown.getString("title"));
      assertEquals("psst, lunch?", shown.getString("body"));
      assertEquals("/#/room/" + room, shown.getString("url"));
      assertEquals(messageId, shown.getString("messageId"));
      assertEquals("message:" + messageId, shown.getString("tag"));
      assertEquals("aes128gcm", push.headers().get("Content-Encoding"));
      assertEquals("86400", push.headers().get("TTL"));
      assertEquals("high", push.headers().get("Urgency"));
      assertEquals(WebPushProvider.topic("message:" + messageId), push.headers().get("Topic"));
      assertVapidSigned(push.headers().get("Authorization"));
    }
    JsonObject onPhone = expoMessagesTo(fake, token).get(0);
    assertEquals("Alice A.", onPhone.getString("title"));
    assertEquals("psst, lunch?", onPhone.getString("body"));
    assertEquals("message:" + messageId, onPhone.getJsonObject("data").getString("tag"));

    Thread.sleep(1500);
    assertEquals(1, fake.toDevice(laptop).size(), "sent once, not again at the next poll");
    List<JsonObject> deliveries = PushTesting.deliveries(bob);
    assertEquals(3, deliveries.size(), deliveries.toString());
    deliveries.forEach(delivery -> {
      assertEquals("sent", delivery.getString("state"));
      assertEquals("message:" + messageId, delivery.getString("item"));
      assertEquals(1, delivery.getInteger("attempts"));
    });
  }

  @Test
  @DisplayName("a device registered after its room's messages found nobody with one gets the next message")
  void deviceRegisteredLater() throws Exception {
    TestUser erin = server.register("erin");
    String room = dm(alice, erin);
    String before = send(alice, room, "before any device");
    // Passed over (nobody in the room has a device), or queued for nobody: nothing in the outbox either way.
    Thread.sleep(300);
    assertEquals("0", server.queryOne("SELECT count(*) FROM push_outbox WHERE item_key = ?", "message:" + before));
    FakePushService.Device tablet = fake.device("tablet-" + erin.id());
    subscribe(erin, tablet.subscription());
    String after = send(alice, room, "after the device");
    await("the push", () -> fake.toDevice(tablet).size() == 1);
    assertEquals(after, tablet.decrypt(fake.toDevice(tablet).get(0)).getString("messageId"));
  }

  private void assertVapidSigned(String authorization) throws Exception {
    String publicKey = alice.get("/api/push/vapid-public-key").bodyAsJsonObject().getString("publicKey");
    assertTrue(authorization.startsWith("vapid t="), authorization);
    String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
    assertEquals(publicKey, authorization.substring(authorization.indexOf(", k=") + 4));
    String[] parts = jwt.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8));
    assertEquals(fake.origin(), claims.getString("aud"));
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(P256.publicKey(Base64Url.decode(publicKey)));
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64Url.decode(parts[2])), "the JWT verifies with the VAPID public key");
  }

  @Test
  @DisplayName("pushes nothing to someone connected, and does once they are gone")
  void nothingToTheConnected() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    subscribe(bob, laptop.subscription());
    String room = dm(alice, bob);
    String whileHere;
    try (BridgeClient open = bob.connect()) {
      open.request("presence.list", new JsonObject());
      whileHere = send(alice, room, "while you look");
      // The queue decides a moment after the message is stored: still connected then.
      Thread.sleep(500);
    }
    await("bob offline", () -> bob.get("/api/users").statusCode() == 200 && offline(bob));
    String afterwards = send(alice, room, "after you left");
    await("the second push", () -> fake.toDevice(laptop).size() == 1);
    Thread.sleep(500);
    assertEquals(1, fake.toDevice(laptop).size());
    assertEquals(afterwards, laptop.decrypt(fake.toDevice(laptop).get(0)).getString("messageId"));
    assertEquals("0", server.queryOne("SELECT count(*) FROM push_outbox WHERE item_key = ?", "message:" + whileHere));
  }

  private static boolean offline(TestUser user) {
    try (BridgeClient look = alice.connect()) {
      JsonArray users = look.request("presence.list", new JsonObject()).getJsonArray("users");
      return users.stream().map(JsonObject.class::cast).anyMatch(u -> u.getString("userId").equals(user.id())
        && u.getString("state").equals("offline"));
    }
  }

  @Test
  @DisplayName("follows each person's choice: everything, DMs and mentions (the default), nothing, a muted room (nothing, even a mention), no previews")
  void followsSettings() throws Exception {
    Map<String, TestUser> people = Map.of("all", server.register("carol"), "direct", server.register("dan"),
      "none", server.register("erin"), "muted", server.register("fay"), "private", server.register("gil"));
    String room = alice.createRoom("ops-" + people.get("all").id(), people.values().toArray(TestUser[]::new));
    Map<String, FakePushService.Device> devices = new java.util.HashMap<>();
    people.forEach((who, user) -> {
      devices.put(who, fake.device(who + "-" + user.id()));
      subscribe(user, devices.get(who).subscription());
    });
    patch(people.get("all"), new JsonObject().put("level", "all"));
    patch(people.get("none"), new JsonObject().put("level", "none"));
    patch(people.get("private"), new JsonObject().put("previews", false));
    assertEquals(200, people.get("muted").post("/api/push/rooms/" + room, new JsonObject().put("muted", true)).statusCode());

    send(alice, room, "deploy done");
    send(alice, room, "@" + people.get("direct").username() + " @" + people.get("muted").username() + " @"
      + people.get("private").username() + " look");
    send(alice, room, "@room heads up");

    Map<String, Integer> expected = Map.of("all", 3, "direct", 2, "none", 0, "muted", 0, "private", 2);
    await("the pushes each wants", () -> expected.entrySet().stream()
      .allMatch(e -> fake.toDevice(devices.get(e.getKey())).size() == e.getValue()));
    Thread.sleep(1000);
    expected.forEach((who, count) -> assertEquals(count, fake.toDevice(devices.get(who)).size(), who));
    JsonObject hidden = devices.get("private").decrypt(fake.toDevice(devices.get("private")).get(0));
    assertEquals("Alice A. in #ops-" + people.get("all").id(), hidden.getString("title"));
    assertEquals("New message", hidden.getString("body"), "previews off: the text stays off the push service");
  }

  @Test
  @DisplayName("follows a room's own level over the person's: all pushes everything, mentions only mentions, nothing nothing; null the person's again")
  void followsRoomLevels() throws Exception {
    Map<String, TestUser> people = Map.of("all", server.register("hal"), "mentions", server.register("ida"),
      "nothing", server.register("jon"), "default", server.register("kim"), "everything", server.register("lee"));
    String room = alice.createRoom("levels-" + people.get("all").id(), people.values().toArray(TestUser[]::new));
    Map<String, FakePushService.Device> devices = new java.util.HashMap<>();
    people.forEach((who, user) -> {
      devices.put(who, fake.device(who + "-" + user.id()));
      subscribe(user, devices.get(who).subscription());
    });
    // Each person's own level says the opposite of what their room level says, so following the wrong one shows.
    patch(people.get("mentions"), new JsonObject().put("level", "all"));
    patch(people.get("nothing"), new JsonObject().put("level", "all"));
    patch(people.get("everything"), new JsonObject().put("level", "all"));
    Map.of("all", "all", "mentions", "mentions", "nothing", "nothing", "everything", "nothing").forEach((who, level) ->
      assertEquals(200, people.get(who).post("/api/push/rooms/" + room, new JsonObject().put("level", level)).statusCode()));
    assertEquals(200, people.get("everything").post("/api/push/rooms/" + room, new JsonObject().putNull("level")).statusCode());

    send(alice, room, "deploy done");
    send(alice, room, "@" + people.get("mentions").username() + " @" + people.get("nothing").username() + " @"
      + people.get("default").username() + " look");
    send(alice, room, "@room heads up");

    Map<String, Integer> expected = Map.of("all", 3, "mentions", 2, "nothing", 0, "default", 2, "everything", 3);
    await("the pushes each wants", () -> expected.entrySet().stream()
      .allMatch(e -> fake.toDevice(devices.get(e.getKey())).size() == e.getValue()));
    Thread.sleep(1000);
    expected.forEach((who, count) -> assertEquals(count, fake.toDevice(devices.get(who)).size(), who));
    List<String> mentioned = new java.util.ArrayList<>();
    for (FakePushService.Received push : fake.toDevice(devices.get("mentions"))) {
      mentioned.add(devices.get("mentions").decrypt(push).getString("body"));
    }
    assertEquals(java.util.Set.of("@" + people.get("mentions").username() + " @" + people.get("nothing").username() + " @"
      + people.get("default").username() + " look", "@room heads up"), java.util.Set.copyOf(mentioned));
  }

  @Test
  @DisplayName("rejects pushing messages to someone on vacation; once it is over they are pushed again")
  void nothingOnVacation() throws Exception {
    TestUser boss = server.register("boss");
    server.setRole(boss, "superadmin");
    TestUser bob = server.register("bob");
    FakePushService.Device phone = fake.device("away-" + bob.id());
    subscribe(bob, phone.subscription());
    String room = dm(alice, bob);
    try (BridgeClient bosses = boss.connect()) {
      bosses.request("presence.set", new JsonObject().put("userId", bob.id()).put("state", "vacation").put("text", "Away"));
      String away = send(alice, room, "while you are away");
      bosses.request("presence.set", new JsonObject().put("userId", bob.id()).put("state", "online"));
      String back = send(alice, room, "welcome back");

      await("the push after the vacation", () -> fake.toDevice(phone).size() == 1);
      Thread.sleep(1000);
      assertEquals(1, fake.toDevice(phone).size());
      assertEquals(back, phone.decrypt(fake.toDevice(phone).get(0)).getString("messageId"));
      assertEquals("0", server.queryOne("SELECT count(*) FROM push_outbox WHERE item_key = ?", "message:" + away));
    }
  }

  private static void patch(TestUser user, JsonObject settings) {
    assertEquals(200, user.request(io.vertx.core.http.HttpMethod.PATCH, "/api/push/settings").sendJsonObject(settings).await().statusCode());
  }

  @Test
  @DisplayName("rejects pushing to a deactivated person's devices: a DM, @room and an announcement to everyone reach the others only")
  void nothingToTheDeactivated() throws Exception {
    TestUser leaver = server.register("leaver");
    TestUser bob = server.register("bob");
    FakePushService.Device leavers = fake.device("leaver-" + leaver.id());
    FakePushService.Device bobs = fake.device("bob-" + bob.id());
    subscribe(leaver, leavers.subscription());
    subscribe(bob, bobs.subscription());
    String withLeaver = dm(alice, leaver);
    String room = alice.createRoom("pushes-" + leaver.id(), leaver, bob);
    assertEquals(200, alice.post("/api/users/" + leaver.id() + "/deactivate", new JsonObject()).statusCode());

    send(alice, withLeaver, "are you still there?");
    send(alice, room, "@room the release is out");
    alice.post("/api/announcements", new JsonObject().put("title", "Party").put("body", "Friday at five.")
      .put("audience", new JsonObject().put("all", true)));
    // Bob's pushes are queued after the deactivated person's would have been.
    await("bob's @room and announcement", () -> fake.toDevice(bobs).size() == 2);
    assertEquals("0", server.queryOne("SELECT count(*) FROM push_outbox WHERE user_id = ?", Long.parseLong(leaver.id())));
    assertEquals(0, fake.toDevice(leavers).size());
  }

  @Test
  @DisplayName("an announcement reaches its offline recipients' devices")
  void announcements() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    subscribe(bob, laptop.subscription());
    String id = alice.post("/api/announcements", new JsonObject().put("title", "Fire drill at 3")
        .put("body", "Leave by the stairs.").put("audience", new JsonObject().put("userIds", new JsonArray().add(bob.id()))))
      .bodyAsJsonObject().getJsonObject("announcement").getString("id");
    await("the push", () -> fake.toDevice(laptop).size() == 1);
    JsonObject shown = laptop.decrypt(fake.toDevice(laptop).get(0));
    assertEquals("Fire drill at 3", shown.getString("title"));
    assertEquals("Leave by the stairs.", shown.getString("body"));
    assertEquals("/#/announcements/" + id, shown.getString("url"));
  }
}
