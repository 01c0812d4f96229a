package parley.presence;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What people chose outlives their presence store: each store's test class makes the store forget everything in its
 * own way ({@link #forgetPresence()}) and runs these.
 */
abstract class ChosenPresenceContract {

  static TestServer server;

  /** Makes the presence store lose all it held, and returns once presence answers again. */
  abstract void forgetPresence() throws Exception;

  private static List<String> seen(Stream<JsonObject> users) {
    return users.map(user -> String.join(" ", user.getString("userId"), user.getString("state"),
      String.valueOf(user.getString("text")), String.valueOf(user.getString("emoji")))).toList();
  }

  private static List<String> watched(BridgeClient client, TestUser... people) {
    JsonObject ids = new JsonObject().put("userIds", new JsonArray(Stream.of(people).map(TestUser::id).toList()));
    return seen(client.request("presence.watch", ids).getJsonArray("users").stream().map(JsonObject.class::cast));
  }

  private static List<String> listed(BridgeClient client, TestUser... people) {
    List<String> ids = Stream.of(people).map(TestUser::id).toList();
    List<JsonObject> everyone = client.request("presence.list", new JsonObject()).getJsonArray("users").stream()
      .map(JsonObject.class::cast).toList();
    return seen(ids.stream().map(id -> everyone.stream().filter(user -> user.getString("userId").equals(id)).findFirst().orElseThrow()));
  }

  /** Alice chose do-not-disturb with text and emoji, an admin put Bob on vacation, Carol cleared hers. */
  private record Chosen(TestUser alice, TestUser bob, TestUser carol) {

    static Chosen now() {
      TestUser boss = server.register("boss");
      server.setRole(boss, "superadmin");
      Chosen chosen = new Chosen(server.register("alice"), server.register("bob"), server.register("carol"));
      try (BridgeClient alices = chosen.alice.connect(); BridgeClient bosses = boss.connect();
           BridgeClient carols = chosen.carol.connect()) {
        alices.request("presence.set", new JsonObject().put("state", "dnd").put("text", "Focus time").put("emoji", ":coffee:"));
        bosses.request("presence.set", new JsonObject().put("userId", chosen.bob.id()).put("state", "vacation")
          .put("text", "Back on 3 December"));
        carols.request("presence.set", new JsonObject().put("state", "dnd").put("text", "Heads down").put("emoji", "📚"));
        carols.request("presence.set", new JsonObject().put("state", "online"));
      }
      return chosen;
    }

    /** As others see them while none of them is connected. */
    List<String> away() {
      return List.of(alice.id() + " offline Focus time ☕", bob.id() + " vacation Back on 3 December null",
        carol.id() + " offline null null");
    }
  }

  @Test
  @DisplayName("a watch finds do-not-disturb with text and emoji, a vacation an admin set and a cleared status as they were")
  void watchFindsWhatWasChosen() throws Exception {
    Chosen chosen = Chosen.now();
    forgetPresence();
    try (BridgeClient daves = server.register("dave").connect()) {
      assertEquals(chosen.away(), watched(daves, chosen.alice(), chosen.bob(), chosen.carol()));
    }
  }

  @Test
  @DisplayName("presence.list finds what each person chose as it was")
  void listFindsWhatWasChosen() throws Exception {
    Chosen chosen = Chosen.now();
    forgetPresence();
    try (BridgeClient daves = server.register("dave").connect()) {
      assertEquals(chosen.away(), listed(daves, chosen.alice(), chosen.bob(), chosen.carol()));
    }
  }

  @Test
  @DisplayName("people who come back are announced with what they chose: do-not-disturb, still on vacation")
  void comebacksAreAnnouncedWithWhatWasChosen() throws Exception {
    Chosen chosen = Chosen.now();
    forgetPresence();
    BlockingQueue<JsonObject> announced = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> listener = server.vertx.eventBus().<JsonObject>consumer("evt.presence.changed", message ->
      message.body().getJsonArray("users").forEach(user -> announced.add((JsonObject) user)));
    listener.completion().await();
    Map<String, String> expected = Map.of(chosen.alice().id(), chosen.alice().id() + " dnd Focus time ☕",
      chosen.bob().id(), chosen.bob().id() + " vacation Back on 3 December null");
    Map<String, String> last = new HashMap<>();
    try (BridgeClient alices = chosen.alice().connect(); BridgeClient bobs = chosen.bob().connect()) {
      long deadline = System.currentTimeMillis() + 5000;
      while (!last.equals(expected) && System.currentTimeMillis() < deadline) {
        JsonObject user = announced.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        if (user != null && expected.containsKey(user.getString("userId"))) {
          last.put(user.getString("userId"), seen(Stream.of(user)).get(0));
        }
      }
    } finally {
      listener.unregister().await();
    }
    assertEquals(expected, last);
  }

  @Test
  @DisplayName("rejects someone else's vacation without manage_presence, and keeps nothing of it")
  void rejectsVacationWithoutPermission() throws Exception {
    TestUser erin = server.register("erin");
    TestUser frank = server.register("frank");
    try (BridgeClient erins = erin.connect()) {
      assertEquals(new Failure(403, "forbidden"), erins.requestFailure("presence.set",
        new JsonObject().put("userId", frank.id()).put("state", "vacation").put("text", "Gone for good")));
    }
    forgetPresence();
    try (BridgeClient erins = erin.connect()) {
      assertEquals(List.of(frank.id() + " offline null null"), watched(erins, frank));
    }
  }

  @Test
  @DisplayName("rejects another tenant's chosen status: once the store forgot, a watch here tells nothing of it")
  void rejectsAnotherTenantsStatus() throws Exception {
    TestServer.Stranger stranger = server.strangerElsewhere("elsewhere-" + getClass().getSimpleName().toLowerCase());
    DeliveryOptions asStranger = new DeliveryOptions().addHeader("parley-user-id", stranger.userId())
      .addHeader("parley-tenant-id", stranger.tenantId());
    server.vertx.eventBus().request("presence.set", new JsonObject().put("state", "vacation").put("text", "Elsewhere"), asStranger)
      .await();
    forgetPresence();
    TestUser gina = server.register("gina");
    try (BridgeClient ginas = gina.connect()) {
      JsonObject ids = new JsonObject().put("userIds", new JsonArray().add(stranger.userId()));
      assertEquals(List.of(stranger.userId() + " offline null null"), seen(ginas.request("presence.watch", ids)
        .getJsonArray("users").stream().map(JsonObject.class::cast)));
    }
  }
}
