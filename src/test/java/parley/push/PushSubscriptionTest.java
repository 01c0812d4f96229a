package parley.push;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.push.PushTesting.expo;
import static parley.push.PushTesting.subscribe;
import static parley.testing.ApiAssertions.assertError;

@DisplayName("Push devices and settings")
class PushSubscriptionTest extends PushServerTest {

  private static JsonObject withEndpoint(String endpoint) {
    return fake.device("probe").subscription().put("endpoint", endpoint);
  }

  @Test
  @DisplayName("rejects endpoints that are not https on a public address: loopback, private, link-local, metadata, IPv4 inside IPv6, names of those")
  void rejectsInsideEndpoints() {
    TestUser bob = server.register("bob");
    List<String> refused = List.of("http://push.example.com/x", "ftp://push.example.com/x", "https://127.0.0.1/x",
      "https://localhost/x", "https://10.1.2.3/x", "https://192.168.0.10:8443/x", "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x", "https://[fd00:ec2::254]/x", "https://[::ffff:127.0.0.1]/x",
      "https://[::ffff:0:127.0.0.1]/x", "https://[64:ff9b::a9fe:a9fe]/x", "https://[2002:7f00:1::1]/x",
      "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x", "https://user:secret@push.example.com/x",
      "https://no-such-host.invalid/x", "not a url", "https://" + "a".repeat(2100) + ".com/x",
      // The fake's own address, with https: only its allow-listed origin is let through.
      fake.origin().replace("http://", "https://") + "/push/x");
    for (String endpoint : refused) {
      assertError(bob.post("/api/push/subscriptions", withEndpoint(endpoint)), 400, "push_endpoint_refused");
    }
    assertEquals(0, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
  }

  @Test
  @DisplayName("rejects keys that are not a P-256 point and a 16-byte secret, an unknown kind, and a token that is not Expo's")
  void rejectsMalformedSubscriptions() {
    TestUser bob = server.register("bob");
    JsonObject good = fake.device("good-" + bob.id()).subscription();
    byte[] offCurve = new byte[65];
    offCurve[0] = 4;
    offCurve[64] = 1;
    List<JsonObject> malformed = List.of(new JsonObject(), good.copy().put("kind", "sms"), good.copy().put("keys", "none"),
      keys(good, "p256dh", Base64Url.encode(offCurve)), keys(good, "p256dh", "AAAA"), keys(good, "auth", Base64Url.encode(new byte[8])),
      keys(good, "auth", "not base64 !"), expo("ExponentPushToken[]"), expo("device-123"), new JsonObject().put("kind", "expo"));
    for (JsonObject subscription : malformed) {
      assertError(bob.post("/api/push/subscriptions", subscription), 400, "invalid_push_subscription");
    }
    assertEquals(0, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
  }

  private static JsonObject keys(JsonObject subscription, String key, String value) {
    JsonObject changed = subscription.copy();
    changed.getJsonObject("keys").put(key, value);
    return changed;
  }

  @Test
  @DisplayName("lists one's own devices without their keys; a device registered again by someone else moves to them")
  void devicesBelongToOnePerson() {
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    FakePushService.Device shared = fake.device("shared-" + bob.id());
    String id = subscribe(bob, shared.subscription());
    JsonObject listed = bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").getJsonObject(0);
    assertEquals(new JsonObject().put("id", id).put("kind", "webpush").put("endpoint", shared.endpoint())
      .put("createdAt", listed.getString("createdAt")), listed);
    assertEquals(id, subscribe(carol, shared.subscription()), "the same device");
    assertEquals(0, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
    assertEquals(1, carol.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
  }

  @Test
  @DisplayName("rejects removing someone else's device; removes one's own")
  void rejectsRemovingOthersDevices() {
    TestUser bob = server.register("bob");
    TestUser mallory = server.register("mallory");
    String id = subscribe(bob, expo("ExponentPushToken[bob-" + bob.id() + "]"));
    assertError(mallory.delete("/api/push/subscriptions/" + id), 404, "subscription_not_found");
    assertEquals(1, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
    assertEquals(200, bob.delete("/api/push/subscriptions/" + id).statusCode());
    assertEquals(0, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size());
  }

  @Test
  @DisplayName("rejects removing someone else's device without dropping what is queued for it; one's own takes its queue along")
  void rejectsDroppingOthersQueuedPushes() {
    TestUser bob = server.register("bob");
    String id = subscribe(bob, expo("ExponentPushToken[queued-" + bob.id() + "]"));
    String queued = queueRetry(id);
    assertError(alice.delete("/api/push/subscriptions/" + id), 404, "subscription_not_found");
    assertEquals("pending", server.queryOne("SELECT state FROM push_outbox WHERE id = ?", Long.parseLong(queued)),
      "bob's queued push is still there");
    assertEquals(200, bob.delete("/api/push/subscriptions/" + id).statusCode());
    assertNull(server.queryOne("SELECT state FROM push_outbox WHERE id = ?", Long.parseLong(queued)));
  }

  /** A push queued for the device that waits an hour for its next try, so the worker leaves it alone meanwhile. */
  private static String queueRetry(String subscriptionId) {
    return server.queryOne("INSERT INTO push_outbox (tenant_id, user_id, subscription_id, provider, item_key, payload, next_attempt_at) "
      + "SELECT tenant_id, user_id, id, kind, 'test:' || gen_random_uuid(), '{}', now() + interval '1 hour' FROM push_subscriptions WHERE id = ? "
      + "RETURNING id", Long.parseLong(subscriptionId));
  }

  @Test
  @DisplayName("keeps at most 20 devices a person, dropping the oldest")
  void capsDevices() {
    TestUser bob = server.register("bob");
    String first = subscribe(bob, expo("ExponentPushToken[cap-0-" + bob.id() + "]"));
    for (int i = 1; i <= Devices.MAX_PER_USER; i++) {
      subscribe(bob, expo("ExponentPushToken[cap-" + i + "-" + bob.id() + "]"));
    }
    JsonArray devices = bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions");
    assertEquals(Devices.MAX_PER_USER, devices.size());
    assertEquals(false, devices.stream().map(JsonObject.class::cast).anyMatch(d -> d.getString("id").equals(first)));
  }

  @Test
  @DisplayName("a device dropped for the cap takes what was still to be sent to it along, instead of leaving it in the queue for no device")
  void cappedDeviceTakesItsQueue() {
    TestUser bob = server.register("bob");
    String queued = queueRetry(subscribe(bob, expo("ExponentPushToken[capped-0-" + bob.id() + "]")));
    for (int i = 1; i <= Devices.MAX_PER_USER; i++) {
      subscribe(bob, expo("ExponentPushToken[capped-" + i + "-" + bob.id() + "]"));
    }
    assertNull(server.queryOne("SELECT state FROM push_outbox WHERE id = ?", Long.parseLong(queued)));
  }

  @Test
  @DisplayName("rejects sending what was queued for someone to the person their device moves to")
  void rejectsHandingQueuedPushesToTheNextOwner() {
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    JsonObject shared = expo("ExponentPushToken[moved-" + bob.id() + "]");
    String id = subscribe(bob, shared);
    String bobs = queueRetry(id);
    assertEquals(id, subscribe(carol, shared));
    assertNull(server.queryOne("SELECT state FROM push_outbox WHERE id = ?", Long.parseLong(bobs)), "bob's push is not carol's to get");
    String carols = queueRetry(id);
    assertEquals(id, subscribe(carol, shared), "registered again by the same person");
    assertEquals("pending", server.queryOne("SELECT state FROM push_outbox WHERE id = ?", Long.parseLong(carols)));
  }

  @Test
  @DisplayName("settings default to DMs and mentions with previews; rejects a bad level, and muting a room one is not in")
  void settings() {
    TestUser bob = server.register("bob");
    assertEquals(new JsonObject().put("level", "direct").put("previews", true).put("roomLevels", new JsonObject())
        .put("mutedRoomIds", new JsonArray()),
      bob.get("/api/push/settings").bodyAsJsonObject());
    JsonObject changed = bob.request(HttpMethod.PATCH, "/api/push/settings").sendJsonObject(new JsonObject().put("previews", false))
      .await().bodyAsJsonObject();
    assertEquals("direct", changed.getString("level"));
    assertEquals(false, changed.getBoolean("previews"));
    assertError(bob.request(HttpMethod.PATCH, "/api/push/settings").sendJsonObject(new JsonObject().put("level", "loud")).await(),
      400, "invalid_push_settings");
    assertError(bob.request(HttpMethod.PATCH, "/api/push/settings").sendJsonObject(new JsonObject().put("previews", "no")).await(),
      400, "invalid_push_settings");
    String general = bob.generalRoomId();
    assertEquals(new JsonArray().add(general), bob.post("/api/push/rooms/" + general, new JsonObject().put("muted", true))
      .bodyAsJsonObject().getJsonArray("mutedRoomIds"));
    String elsewhere = alice.createRoom("private-" + bob.id());
    assertError(bob.post("/api/push/rooms/" + elsewhere, new JsonObject().put("muted", true)), 403, "not_a_member");
    assertError(bob.post("/api/push/rooms/" + general, new JsonObject().put("muted", "yes")), 400, "invalid_push_settings");
    assertEquals(new JsonArray(), bob.post("/api/push/rooms/" + general, new JsonObject().put("muted", false))
      .bodyAsJsonObject().getJsonArray("mutedRoomIds"));
  }

  @Test
  @DisplayName("keeps a level per person and room, muting being its \"nothing\"; null gives the room back to the person's own level")
  void roomLevels() {
    TestUser bob = server.register("bob");
    TestUser carol = server.register("carol");
    String general = bob.generalRoomId();
    String side = alice.createRoom("levels-" + bob.id(), bob, carol);
    assertEquals(new JsonObject().put(side, "mentions"), roomLevel(bob, side, "mentions").getJsonObject("roomLevels"));
    JsonObject both = roomLevel(bob, general, "nothing");
    assertEquals(new JsonObject().put(side, "mentions").put(general, "nothing"), both.getJsonObject("roomLevels"));
    assertEquals(new JsonArray().add(general), both.getJsonArray("mutedRoomIds"), "\"nothing\" is muted to older clients");
    assertEquals(new JsonObject(), carol.get("/api/push/settings").bodyAsJsonObject().getJsonObject("roomLevels"), "bob's own");

    JsonObject unmuted = bob.post("/api/push/rooms/" + general, new JsonObject().put("muted", false)).bodyAsJsonObject();
    assertEquals(new JsonObject().put(side, "mentions"), unmuted.getJsonObject("roomLevels"));
    assertEquals("nothing", bob.post("/api/push/rooms/" + side, new JsonObject().put("muted", true)).bodyAsJsonObject()
      .getJsonObject("roomLevels").getString(side));
    assertEquals("all", roomLevel(bob, side, "all").getJsonObject("roomLevels").getString(side));
    assertEquals(new JsonObject(), roomLevel(bob, side, null).getJsonObject("roomLevels"));
  }

  @Test
  @DisplayName("rejects a room level for a room one is not in or that does not exist, an unknown level, and a level with muted")
  void rejectsRoomLevels() {
    TestUser bob = server.register("bob");
    String general = bob.generalRoomId();
    String elsewhere = alice.createRoom("not-bobs-" + bob.id());
    assertError(bob.post("/api/push/rooms/" + elsewhere, new JsonObject().put("level", "all")), 403, "not_a_member");
    // A room that does not exist, or is another tenant's, is refused as one that is not yours (TenantIsolationTest).
    assertError(bob.post("/api/push/rooms/987654321", new JsonObject().put("level", "all")), 403, "not_a_member");
    assertError(bob.post("/api/push/rooms/" + general, new JsonObject().put("level", "direct")), 400, "invalid_push_settings");
    assertError(bob.post("/api/push/rooms/" + general, new JsonObject().put("level", 1)), 400, "invalid_push_settings");
    assertError(bob.post("/api/push/rooms/" + general, new JsonObject()), 400, "invalid_push_settings");
    assertError(bob.post("/api/push/rooms/" + general, new JsonObject().put("level", "all").put("muted", false)),
      400, "invalid_push_settings");
    assertEquals("0", server.queryOne("SELECT count(*) FROM push_room_levels WHERE user_id = ?", Long.parseLong(bob.id())));
  }

  private static JsonObject roomLevel(TestUser user, String roomId, String level) {
    return user.post("/api/push/rooms/" + roomId, new JsonObject().put("level", level)).bodyAsJsonObject();
  }

  @Test
  @DisplayName("serves the VAPID public key browsers subscribe with, the same after a restart")
  void vapidKey() {
    String key = alice.get("/api/push/vapid-public-key").bodyAsJsonObject().getString("publicKey");
    assertEquals(65, Base64Url.decode(key).length);
    server.restart();
    assertEquals(key, alice.get("/api/push/vapid-public-key").bodyAsJsonObject().getString("publicKey"));
  }
}
