package parley.push;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import parley.testing.BridgeClient;
import parley.testing.TestUser;

import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the push tests share: a server wired to the fake push services, devices, sends and waiting. */
final class PushTesting {

  private PushTesting() {
  }

  /** Settings that point the server at the fake services, with a short poll, claim and receipt delay. */
  static JsonObject settings(FakePushService fake) {
    return new JsonObject().put("PUSH_ALLOWED_ORIGINS", fake.origin()).put("EXPO_PUSH_URL", fake.expoSendUrl())
      .put("EXPO_RECEIPTS_URL", fake.expoReceiptsUrl()).put("PUSH_POLL_SECONDS", 1).put("PUSH_CLAIM_SECONDS", 2)
      .put("PUSH_RECEIPT_DELAY_SECONDS", 1);
  }

  static String subscribe(TestUser user, JsonObject subscription) {
    HttpResponse<Buffer> made = user.post("/api/push/subscriptions", subscription);
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject().getJsonObject("subscription").getString("id");
  }

  static JsonObject expo(String token) {
    return new JsonObject().put("kind", "expo").put("token", token);
  }

  static String dm(TestUser from, TestUser to) {
    return from.post("/api/dms", new JsonObject().put("userId", to.id())).bodyAsJsonObject().getJsonObject("room").getString("id");
  }

  /** Sends as the web app does, over the bridge; answers the stored message's id. */
  static String send(TestUser author, String roomId, String content) {
    try (BridgeClient client = author.connect()) {
      return client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", content))
        .getJsonObject("message").getString("id");
    }
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  static List<JsonObject> deliveries(TestUser user) {
    HttpResponse<Buffer> listed = user.get("/api/push/deliveries");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonArray deliveries = listed.bodyAsJsonObject().getJsonArray("deliveries");
    return deliveries.stream().map(JsonObject.class::cast).toList();
  }

  /** The messages the fake Expo service was asked to send to {@code token}. */
  static List<JsonObject> expoMessagesTo(FakePushService fake, String token) {
    return fake.to("/expo/send").stream().map(received -> received.body().toJsonArray().getJsonObject(0))
      .filter(message -> token.equals(message.getString("to"))).toList();
  }
}
