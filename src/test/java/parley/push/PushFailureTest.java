package parley.push;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.push.PushTesting.await;
import static parley.push.PushTesting.dm;
import static parley.push.PushTesting.expo;
import static parley.push.PushTesting.expoMessagesTo;
import static parley.push.PushTesting.send;
import static parley.push.PushTesting.subscribe;
import static parley.testing.ApiAssertions.assertError;

@DisplayName("Push: every way a push service can fail")
class PushFailureTest extends PushServerTest {

  private String row(String messageId, String column) {
    return server.queryOne("SELECT " + column + " FROM push_outbox WHERE item_key = ?", "message:" + messageId);
  }

  @Test
  @DisplayName("a service answering 500, 500, then 201 is tried again after growing delays and delivered once")
  void retriesWithGrowingDelays() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    fake.script(laptop.name(), new FakePushService.Reply(500, null), new FakePushService.Reply(503, null));
    subscribe(bob, laptop.subscription());
    String messageId = send(alice, dm(alice, bob), "are you there?");
    await("three tries", () -> fake.toDevice(laptop).size() == 3 && "sent".equals(row(messageId, "state")));
    List<FakePushService.Received> tries = fake.toDevice(laptop);
    long first = tries.get(1).at() - tries.get(0).at();
    long second = tries.get(2).at() - tries.get(1).at();
    assertTrue(first >= 450 && first < 2500, "first delay " + first + " ms: 1 s, half of it random");
    assertTrue(second > first, "the delay grows: " + first + " ms, then " + second + " ms");
    assertEquals("3", row(messageId, "attempts"));
    Thread.sleep(1500);
    assertEquals(3, fake.toDevice(laptop).size(), "delivered once, then left alone");
  }

  @Test
  @DisplayName("a 429 is tried again no sooner than its Retry-After says")
  void honoursRetryAfter() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    fake.script(laptop.name(), new FakePushService.Reply(429, "2"));
    subscribe(bob, laptop.subscription());
    String messageId = send(alice, dm(alice, bob), "slow down");
    await("the second try", () -> fake.toDevice(laptop).size() == 2);
    List<FakePushService.Received> tries = fake.toDevice(laptop);
    assertTrue(tries.get(1).at() - tries.get(0).at() >= 1900, "waited " + (tries.get(1).at() - tries.get(0).at()) + " ms");
    await("sent", () -> "sent".equals(row(messageId, "state")));
  }

  @Test
  @DisplayName("410 forgets the device, and what was still to go to it, keeping the record of the failure")
  void goneDeviceIsForgotten() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device old = fake.device("old-" + bob.id());
    FakePushService.Device current = fake.device("current-" + bob.id());
    fake.script(old.name(), new FakePushService.Reply(410, null));
    subscribe(bob, old.subscription());
    String currentId = subscribe(bob, current.subscription());
    String room = dm(alice, bob);
    String messageId = send(alice, room, "first");
    await("the failure recorded", () -> bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").size() == 1);
    assertEquals(currentId, bob.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").getJsonObject(0).getString("id"));
    JsonObject failed = PushTesting.deliveries(bob).stream().filter(d -> d.getString("subscriptionId") == null).findFirst().orElseThrow();
    assertEquals("failed", failed.getString("state"));
    assertTrue(failed.getString("error").startsWith("device gone: 410"), failed.getString("error"));
    send(alice, room, "second");
    await("the second push to the device left", () -> fake.toDevice(current).size() == 2);
    assertEquals(1, fake.toDevice(old).size(), "nothing more to a forgotten device");
    assertEquals("failed sent", server.queryOne("SELECT string_agg(state, ' ' ORDER BY state) FROM push_outbox WHERE item_key = ?",
      "message:" + messageId), "the failure stays on record beside the push that went");
  }

  @Test
  @DisplayName("Expo: DeviceNotRegistered in a ticket or a receipt forgets the phone; another receipt error fails the row")
  void expoTicketsAndReceipts() throws Exception {
    TestUser bob = server.register("bob");
    String unregistered = "ExponentPushToken[gone-" + bob.id() + "]";
    String laterGone = "ExponentPushToken[later-" + bob.id() + "]";
    String tooBig = "ExponentPushToken[big-" + bob.id() + "]";
    fake.expoTokenErrors.put(unregistered, ExpoProvider.DEVICE_NOT_REGISTERED);
    for (String token : List.of(unregistered, laterGone, tooBig)) {
      subscribe(bob, expo(token));
    }
    String messageId = send(alice, dm(alice, bob), "hello phones");
    await("three tickets asked for", () -> List.of(unregistered, laterGone, tooBig).stream()
      .allMatch(token -> expoMessagesTo(fake, token).size() == 1));
    await("the unregistered phone forgotten", () -> tokens(bob).size() == 2);
    // The service has answered all three, but the other two answers may not be recorded yet.
    await("the pushes to the other two phones recorded as sent", () -> PushTesting.deliveries(bob).stream()
      .filter(d -> "sent".equals(d.getString("state"))).count() == 2);
    for (String ticket : List.of("later", "big")) {
      String id = server.queryOne("SELECT o.ticket FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id "
        + "WHERE o.item_key = ? AND s.endpoint LIKE ?", "message:" + messageId, "%[" + ticket + "-%");
      fake.expoReceiptErrors.put(id, ticket.equals("later") ? ExpoProvider.DEVICE_NOT_REGISTERED : "MessageTooBig");
    }
    await("the receipts asked for", () -> !fake.to("/expo/receipts").isEmpty());
    await("the phone its receipt calls gone forgotten", () -> tokens(bob).equals(List.of(tooBig)));
    await("the too-large push failed", () -> PushTesting.deliveries(bob).stream()
      .filter(d -> "failed".equals(d.getString("state"))).count() == 3);
    assertTrue(PushTesting.deliveries(bob).stream().anyMatch(d -> d.getString("error").contains("MessageTooBig")));
  }

  private static List<String> tokens(TestUser user) {
    return user.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions").stream()
      .map(JsonObject.class::cast).map(s -> s.getString("token")).toList();
  }

  @Test
  @DisplayName("gives up after 24 h of failures, marking the row failed")
  void givesUpAfterADay() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    fake.script(laptop.name(), new FakePushService.Reply(500, null), new FakePushService.Reply(500, null));
    subscribe(bob, laptop.subscription());
    String messageId = send(alice, dm(alice, bob), "from yesterday");
    await("the first failure", () -> fake.toDevice(laptop).size() == 1 && "pending".equals(row(messageId, "state")));
    server.queryOne("UPDATE push_outbox SET created_at = now() - interval '25 hours' WHERE item_key = ? RETURNING id", "message:" + messageId);
    await("given up", () -> "failed".equals(row(messageId, "state")));
    assertTrue(row(messageId, "last_error").startsWith("gave up after 24 h: 500"), row(messageId, "last_error"));
    assertEquals(2, fake.toDevice(laptop).size());
  }

  @Test
  @DisplayName("shows admins the queue, the last hour per provider and the last errors; rejects those without view_admin")
  void adminReport() throws Exception {
    TestUser member = server.register("member");
    FakePushService.Device laptop = fake.device("laptop-" + member.id());
    fake.script(laptop.name(), new FakePushService.Reply(400, null));
    subscribe(member, laptop.subscription());
    subscribe(member, fake.device("phone-" + member.id()).subscription());
    send(alice, dm(alice, member), "bad request");
    await("one failed, one sent", () -> PushTesting.deliveries(member).stream().map(d -> d.getString("state")).sorted().toList()
      .equals(List.of("failed", "sent")));
    JsonObject report = alice.get("/api/admin/push").bodyAsJsonObject();
    assertTrue(report.getJsonObject("lastHour").getJsonObject("webpush").getInteger("failed") >= 1, report.encode());
    assertTrue(report.getJsonObject("lastHour").getJsonObject("webpush").getInteger("sent") >= 1, report.encode());
    assertTrue(report.getJsonArray("lastErrors").stream().map(JsonObject.class::cast)
      .anyMatch(e -> e.getString("userId").equals(member.id()) && e.getInteger("status") == 400), report.encode());
    assertTrue(report.getJsonObject("queue").containsKey("pending"));
    assertError(member.get("/api/admin/push"), 403, "forbidden");
  }
}
