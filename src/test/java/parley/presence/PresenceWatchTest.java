package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("presence.watch: a connection hears the people it watches, and only them")
class PresenceWatchTest {

  private static final int OFFLINE_DELAY_SECONDS = 3;
  private static TestServer server;
  /** What presence announced to the bridges, whoever watches: the test's proof that a change happened at all. */
  private final BlockingQueue<JsonObject> announced = new LinkedBlockingQueue<>();
  private MessageConsumer<JsonObject> listener;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PRESENCE_TTL_SECONDS", 30)
      .put("PRESENCE_OFFLINE_DELAY_SECONDS", OFFLINE_DELAY_SECONDS));
    server.register("admin");
  }

  @BeforeEach
  void listen() {
    listener = server.vertx.eventBus().<JsonObject>consumer("evt.presence.changed", message ->
      message.body().getJsonArray("users").forEach(event -> announced.add(((JsonObject) event).copy()
        .put("tenantId", message.body().getString("tenantId")))));
    listener.completion().await();
  }

  @AfterEach
  void stopListening() {
    listener.unregister().await();
  }

  private void awaitAnnounced(String userId, String state) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000 + OFFLINE_DELAY_SECONDS * 1000L;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = announced.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (event != null && userId.equals(event.getString("userId")) && state.equals(event.getString("state"))) {
        return;
      }
    }
    throw new AssertionError("presence never announced " + userId + " " + state);
  }

  private static JsonArray watch(BridgeClient client, TestUser... people) {
    JsonArray ids = new JsonArray(List.of(people).stream().map(TestUser::id).toList());
    return client.request("presence.watch", new JsonObject().put("userIds", ids)).getJsonArray("users");
  }

  /** Everyone told of to this socket on its user address until the queue has been still for a moment. */
  private static List<JsonObject> told(BridgeClient client, TestUser owner) {
    List<JsonObject> told = new ArrayList<>();
    for (JsonObject event; (event = client.poll("user." + owner.id(), 500)) != null; ) {
      if ("presence.changed".equals(event.getString("type"))) {
        event.getJsonArray("users").forEach(user -> told.add((JsonObject) user));
      }
    }
    return told;
  }

  /** The one person the next presence.changed told this socket of. */
  private static JsonObject nextTold(BridgeClient client, TestUser owner, long millis) {
    JsonArray users = client.next("user." + owner.id(), "presence.changed", millis).getJsonArray("users");
    assertEquals(1, users.size(), users.encode());
    return users.getJsonObject(0);
  }

  private static List<String> about(List<JsonObject> events) {
    return events.stream().map(event -> event.getString("userId") + " " + event.getString("state")).toList();
  }

  @Test
  @DisplayName("answers the watched people's presence now, then tells their changes on user.<id>; a new watch replaces the old")
  void watchedOnly() throws Exception {
    TestUser alice = server.register("w_alice");
    TestUser bob = server.register("w_bob");
    TestUser carol = server.register("w_carol");
    try (BridgeClient alices = alice.connect()) {
      JsonArray now = watch(alices, bob);
      assertEquals(List.of(bob.id() + " offline"), about(now.stream().map(JsonObject.class::cast).toList()));
      BridgeClient carols = carol.connect();
      awaitAnnounced(carol.id(), "online");
      BridgeClient bobs = bob.connect();
      assertEquals("online", nextTold(alices, alice, 5000).getString("state"));
      assertEquals(List.of(), about(told(alices, alice)), "carol is not watched");

      JsonArray carolNow = watch(alices, carol);
      assertEquals("online", carolNow.getJsonObject(0).getString("state"));
      bobs.close();
      awaitAnnounced(bob.id(), "offline");
      carols.request("presence.set", new JsonObject().put("state", "dnd"));
      awaitAnnounced(carol.id(), "dnd");
      assertEquals(List.of(carol.id() + " dnd"), about(told(alices, alice)), "bob is no longer watched");
      assertEquals(0, watch(alices).size(), "an empty watch stops them all");
      carols.close();
    }
  }

  @Test
  @DisplayName("rejects a userIds that is not a list of at most 1,000 ids, and keeps the watch it had")
  void rejectsBadWatch() throws Exception {
    TestUser alice = server.register("x_alice");
    TestUser bob = server.register("x_bob");
    try (BridgeClient alices = alice.connect()) {
      watch(alices, bob);
      JsonArray tooMany = new JsonArray(IntStream.rangeClosed(1, 1001).mapToObj(Integer::toString).toList());
      for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("userIds", bob.id()),
        new JsonObject().put("userIds", new JsonArray().add("abc")), new JsonObject().put("userIds", new JsonArray().add(0)),
        new JsonObject().put("userIds", tooMany))) {
        assertEquals(new Failure(400, "invalid_watch"), alices.requestFailure("presence.watch", body), body.encode());
      }
      try (BridgeClient bobs = bob.connect()) {
        assertEquals(bob.id(), nextTold(alices, alice, 5000).getString("userId"));
      }
    }
  }

  @Test
  @DisplayName("rejects another tenant's people: offline in the answer though online at home, and their changes never told")
  void rejectsOtherTenants() throws Exception {
    TestServer.Stranger elsewhere = server.strangerElsewhere("watched-elsewhere");
    String tenant = elsewhere.tenantId();
    String stranger = elsewhere.userId();
    TestUser alice = server.register("t_alice");
    TestUser bob = server.register("t_bob");
    try (BridgeClient alices = alice.connect()) {
      DeliveryOptions asStranger = new DeliveryOptions().addHeader("parley-user-id", stranger).addHeader("parley-tenant-id", tenant);
      server.vertx.eventBus().request("svc.presence.connected", new JsonObject().put("connectionId", "elsewhere"), asStranger).await();
      awaitAnnounced(stranger, "online");
      JsonArray now = alices.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(stranger).add(bob.id())))
        .getJsonArray("users");
      assertEquals(List.of(stranger + " offline", bob.id() + " offline"), about(now.stream().map(JsonObject.class::cast).toList()));
      server.vertx.eventBus().request("presence.set", new JsonObject().put("state", "dnd"), asStranger).await();
      awaitAnnounced(stranger, "dnd");
      try (BridgeClient bobs = bob.connect()) {
        awaitAnnounced(bob.id(), "online");
        assertEquals(List.of(bob.id() + " online"), about(told(alices, alice)));
      }
    }
  }

  @Test
  @DisplayName("the tenant address no longer carries presence: nobody hears changes they did not ask for")
  void tenantAddressCarriesNoPresence() throws Exception {
    TestUser alice = server.register("n_alice");
    TestUser bob = server.register("n_bob");
    try (BridgeClient alices = alice.connect()) {
      alices.register("tenant.1");
      try (BridgeClient bobs = bob.connect()) {
        awaitAnnounced(bob.id(), "online");
        assertTrue(told(alices, alice).isEmpty());
        for (JsonObject onTenant; (onTenant = alices.poll("tenant.1", 500)) != null; ) {
          assertTrue(!"presence.changed".equals(onTenant.getString("type")), onTenant.encode());
        }
      }
    }
  }

  @Test
  @DisplayName("a reconnect within PRESENCE_OFFLINE_DELAY_SECONDS announces nothing; staying away is offline after it")
  void reconnectsAnnounceNothing() throws Exception {
    TestUser alice = server.register("r_alice");
    TestUser bob = server.register("r_bob");
    try (BridgeClient alices = alice.connect()) {
      watch(alices, bob);
      bob.connect().close();
      BridgeClient again = bob.connect();
      assertEquals("online", nextTold(alices, alice, 5000).getString("state"));
      again.close();
      // Past an announcing round, so that without the delay the round would have found bob offline.
      Thread.sleep(1500);
      BridgeClient reloaded = bob.connect();
      Thread.sleep(OFFLINE_DELAY_SECONDS * 1000L + 1000);
      assertEquals(List.of(), about(told(alices, alice)), "a reload is no news");
      assertTrue(announced.stream().noneMatch(event -> bob.id().equals(event.getString("userId")) && "offline".equals(event.getString("state"))));
      reloaded.close();
      long closed = System.currentTimeMillis();
      assertEquals("offline", nextTold(alices, alice, 5000 + OFFLINE_DELAY_SECONDS * 1000L).getString("state"));
      assertTrue(System.currentTimeMillis() - closed >= OFFLINE_DELAY_SECONDS * 1000L - 200, "not before the delay");
    }
  }

  @Test
  @DisplayName("the changes of one announcing round reach a watcher in one frame")
  void oneFramePerRound() throws Exception {
    TestUser alice = server.register("f_alice");
    List<TestUser> pairs = List.of(server.register("f_1"), server.register("f_2"), server.register("f_3"),
      server.register("f_4"), server.register("f_5"), server.register("f_6"));
    try (BridgeClient alices = alice.connect()) {
      watch(alices, pairs.toArray(TestUser[]::new));
      boolean together = false;
      for (int pair = 0; pair < 3 && !together; pair++) {
        for (TestUser person : pairs.subList(2 * pair, 2 * pair + 2)) {
          DeliveryOptions as = new DeliveryOptions().addHeader("parley-user-id", person.id()).addHeader("parley-tenant-id", "1");
          server.vertx.eventBus().request("svc.presence.connected", new JsonObject().put("connectionId", "f-" + person.id()), as).await();
        }
        JsonArray first = alices.next("user." + alice.id(), "presence.changed").getJsonArray("users");
        together = first.size() == 2;
        if (!together) {
          // The round ended between the two: the other one comes in the next frame, alone.
          nextTold(alices, alice, 5000);
        }
      }
      assertTrue(together, "two people connecting at once were told in two frames, three times over");
    }
  }
}
