package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What presence does, whichever store keeps it: each store's test class starts a server on it and runs these.
 * Connections live {@link #TTL_SECONDS}; a test that outlasts that pings.
 */
abstract class PresenceContract {

  static final int TTL_SECONDS = 6;
  /** Longer than one announcing round, so that a change not announced by then is not coming. */
  private static final long QUIET_MS = 2 * PresenceVerticle.ANNOUNCE_EVERY_MS + 500;

  static TestServer server;
  private final BlockingQueue<JsonObject> announced = new LinkedBlockingQueue<>();
  private MessageConsumer<JsonObject> listener;

  static JsonObject settings() {
    return new JsonObject().put("PRESENCE_TTL_SECONDS", TTL_SECONDS);
  }

  @BeforeEach
  void listen() {
    announced.clear();
    listener = server.vertx.eventBus().<JsonObject>consumer("evt.presence.changed", message -> {
      if ("1".equals(message.body().getString("tenantId"))) {
        message.body().getJsonArray("users").forEach(event -> announced.add((JsonObject) event));
      }
    });
    listener.completion().await();
  }

  @AfterEach
  void stopListening() {
    listener.unregister().await();
  }

  /** The next announcement about {@code user}, skipping others', or a failure after 5 s. */
  private JsonObject next(TestUser user) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = announced.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (event != null && event.getString("userId").equals(user.id())) {
        return event;
      }
    }
    throw new AssertionError("no presence.changed for " + user.username());
  }

  private void quiet(TestUser user) throws InterruptedException {
    long deadline = System.currentTimeMillis() + QUIET_MS;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = announced.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      assertTrue(event == null || !event.getString("userId").equals(user.id()), "unexpected " + event);
    }
  }

  private static String stateIn(BridgeClient client, TestUser user) {
    JsonArray users = client.request("presence.list", new JsonObject()).getJsonArray("users");
    return users.stream().map(JsonObject.class::cast).filter(entry -> entry.getString("userId").equals(user.id()))
      .findFirst().orElseThrow().getString("state");
  }

  @Test
  @DisplayName("operators hear a person connect once however many tabs, and leave with the last, on vacation too; with the tenant's online count")
  void operatorsHearConnections() throws Exception {
    TestUser carol = server.register("carol");
    BlockingQueue<JsonObject> told = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> people = server.vertx.eventBus().<JsonObject>consumer("platform.tenant.1.presence", message -> {
      if (message.body().getString("userId").equals(carol.id())) {
        told.add(message.body());
      }
    });
    MessageConsumer<JsonObject> counts = server.vertx.eventBus().consumer("platform.tenants", message -> told.add(message.body()));
    people.completion().await();
    counts.completion().await();
    try {
      BridgeClient first = carol.connect();
      JsonObject online = nextTold(told, "person.presence");
      assertEquals(List.of(true, "online", "1"), List.of(online.getBoolean("online"), online.getString("state"), online.getString("tenantId")));
      JsonObject count = nextTold(told, "tenant.online");
      assertEquals("1", count.getString("tenantId"));
      assertTrue(count.getLong("onlineNow") >= 1, count.encode());
      BridgeClient second = carol.connect();
      first.close();
      second.request("presence.set", new JsonObject().put("state", "vacation"));
      Thread.sleep(QUIET_MS);
      assertTrue(told.stream().noneMatch(event -> "person.presence".equals(event.getString("type"))), "told again: " + told);
      second.close();
      JsonObject left = nextTold(told, "person.presence");
      assertEquals(List.of(false, "vacation"), List.of(left.getBoolean("online"), left.getString("state")));
    } finally {
      people.unregister().await();
      counts.unregister().await();
    }
  }

  private static JsonObject nextTold(BlockingQueue<JsonObject> told, String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = told.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (event != null && type.equals(event.getString("type"))) {
        return event;
      }
    }
    throw new AssertionError("operators were not told " + type);
  }

  @Test
  @DisplayName("several tabs are online once, and offline only when the last one closes")
  void tabsCountOnce() throws Exception {
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    try (BridgeClient bobs = bob.connect()) {
      BridgeClient first = alice.connect();
      assertEquals("online", next(alice).getString("state"));
      BridgeClient second = alice.connect();
      quiet(alice);
      first.close();
      quiet(alice);
      assertEquals("online", stateIn(bobs, alice));
      second.close();
      assertEquals("offline", next(alice).getString("state"));
      assertEquals("offline", stateIn(bobs, alice));
    }
  }

  private static JsonObject onlineCounts() {
    return server.vertx.eventBus().<JsonObject>request("svc.presence.onlineCounts",
      new JsonObject().put("tenantIds", new JsonArray().add("1").add("999999"))).await().body().getJsonObject("online");
  }

  @Test
  @DisplayName("counts each tenant's people with a live connection: several tabs once, none once the last closes")
  void countsOnlinePerTenant() throws Exception {
    TestUser alice = server.register("alice");
    int before = onlineCounts().getInteger("1");
    BridgeClient first = alice.connect();
    BridgeClient second = alice.connect();
    assertEquals("online", next(alice).getString("state"));
    second.ping();
    assertEquals(new JsonObject().put("1", before + 1).put("999999", 0), onlineCounts());
    first.close();
    second.close();
    assertEquals("offline", next(alice).getString("state"));
    assertEquals(before, onlineCounts().getInteger("1"));
  }

  @Test
  @DisplayName("idle when every connection is, dnd when chosen, vacation even offline; status text and emoji go along")
  void chosenStates() throws Exception {
    TestUser alice = server.register("alice");
    try (BridgeClient laptop = alice.connect(); BridgeClient phone = alice.connect()) {
      assertEquals("online", next(alice).getString("state"));
      laptop.request("presence.heartbeat", new JsonObject().put("idle", true));
      quiet(alice);
      phone.request("presence.heartbeat", new JsonObject().put("idle", true));
      assertEquals("idle", next(alice).getString("state"));
      JsonObject set = phone.request("presence.set", new JsonObject().put("state", "dnd").put("text", "Focus time")
        .put("emoji", ":coffee:")).getJsonObject("presence");
      assertEquals(List.of("dnd", "Focus time", "☕"), List.of(set.getString("state"), set.getString("text"), set.getString("emoji")));
      JsonObject dnd = next(alice);
      assertEquals("dnd", dnd.getString("state"));
      assertEquals("Focus time", dnd.getString("text"));
      phone.request("presence.set", new JsonObject().put("state", "vacation"));
      assertEquals("vacation", next(alice).getString("state"));
    }
    quiet(alice);
    try (BridgeClient bobs = server.register("bob").connect()) {
      assertEquals("vacation", stateIn(bobs, alice));
      JsonObject watched = bobs.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(alice.id())))
        .getJsonArray("users").getJsonObject(0);
      assertEquals(List.of(alice.id(), "vacation"), List.of(watched.getString("userId"), watched.getString("state")));
    }
  }

  @Test
  @DisplayName("with manage_presence, someone else's vacation is set and cleared; rejects it without, and dnd for others")
  void vacationByAnAdmin() throws Exception {
    TestUser boss = server.register("boss");
    server.setRole(boss, "superadmin");
    TestUser carol = server.register("carol");
    TestUser dave = server.register("dave");
    JsonObject carolsVacation = new JsonObject().put("userId", carol.id()).put("state", "vacation").put("text", "Back on 3 December");
    try (BridgeClient bosses = boss.connect(); BridgeClient daves = dave.connect()) {
      assertEquals(new Failure(403, "forbidden"), daves.requestFailure("presence.set", carolsVacation.copy()));
      JsonObject set = bosses.request("presence.set", carolsVacation.copy()).getJsonObject("presence");
      assertEquals(List.of(carol.id(), "vacation", "Back on 3 December"),
        List.of(set.getString("userId"), set.getString("state"), set.getString("text")));
      JsonObject announced = next(carol);
      assertEquals("vacation", announced.getString("state"));
      assertEquals(new Failure(400, "invalid_presence"),
        bosses.requestFailure("presence.set", new JsonObject().put("userId", carol.id()).put("state", "dnd")));
      assertEquals(new Failure(404, "user_not_found"),
        bosses.requestFailure("presence.set", new JsonObject().put("userId", "999999").put("state", "vacation")));
      bosses.request("presence.set", new JsonObject().put("userId", carol.id()).put("state", "online"));
      assertEquals("offline", next(carol).getString("state"));
    }
  }

  @Test
  @DisplayName("rejects a state, text or emoji that presence does not know")
  void rejectsBadStatus() {
    try (BridgeClient alices = server.register("alice").connect()) {
      for (JsonObject body : List.of(new JsonObject().put("state", "offline"), new JsonObject().put("state", "busy"),
        new JsonObject().put("state", "online").put("text", "x".repeat(101)),
        new JsonObject().put("state", "online").put("emoji", "not an emoji"), new JsonObject())) {
        assertEquals(new Failure(400, "invalid_presence"), alices.requestFailure("presence.set", body), body.encode());
      }
    }
  }

  @Test
  @DisplayName("a connection that vanishes without closing is offline once its time to live passes")
  void vanishedConnectionsExpire() throws Exception {
    TestUser alice = server.register("alice");
    DeliveryOptions asAlice = new DeliveryOptions().addHeader("parley-user-id", alice.id()).addHeader("parley-tenant-id", "1");
    server.vertx.eventBus().request("svc.presence.connected", new JsonObject().put("connectionId", "frozen-tab"), asAlice).await();
    assertEquals("online", next(alice).getString("state"));
    long connected = System.currentTimeMillis();
    JsonObject offline = nextWithin(alice, (TTL_SECONDS + 5) * 1000L);
    assertEquals("offline", offline.getString("state"));
    assertTrue(System.currentTimeMillis() - connected >= (TTL_SECONDS - 1) * 1000L, "not before its time to live");
  }

  @Test
  @DisplayName("a live connection's pings announce nothing; once it has expired, its pings bring it back online")
  void pingsAfterExpiry() throws Exception {
    TestUser alice = server.register("alice");
    DeliveryOptions asAlice = new DeliveryOptions().addHeader("parley-user-id", alice.id()).addHeader("parley-tenant-id", "1");
    JsonObject tab = new JsonObject().put("connectionId", "sleepy-tab");
    server.vertx.eventBus().request("svc.presence.connected", tab, asAlice).await();
    assertEquals("online", next(alice).getString("state"));
    server.vertx.eventBus().request("svc.presence.alive", tab, asAlice).await();
    quiet(alice);
    assertEquals("offline", nextWithin(alice, (TTL_SECONDS + 5) * 1000L).getString("state"));
    server.vertx.eventBus().request("svc.presence.alive", tab, asAlice).await();
    assertEquals("online", next(alice).getString("state"));
  }

  private JsonObject nextWithin(TestUser user, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = announced.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (event != null && event.getString("userId").equals(user.id())) {
        return event;
      }
    }
    throw new AssertionError("no presence.changed for " + user.username() + " within " + millis + " ms");
  }

  @Test
  @DisplayName("a reconnect storm of 1,000 people announces each of them once, not once per connect")
  void stormsAreCoalesced() throws Exception {
    int people = 1000;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < people; i++) {
        DeliveryOptions as = new DeliveryOptions().addHeader("parley-user-id", Long.toString(1_000_000 + i))
          .addHeader("parley-tenant-id", "1");
        String address = round == 1 ? "svc.presence.disconnected" : "svc.presence.connected";
        server.vertx.eventBus().send(address, new JsonObject().put("connectionId", "storm-" + i), as);
      }
    }
    Thread.sleep(QUIET_MS + 1000);
    long storm = announced.stream().filter(event -> Long.parseLong(event.getString("userId")) >= 1_000_000).count();
    assertTrue(storm <= people, storm + " announcements for " + people + " people");
    assertTrue(storm >= people / 2, "the storm was announced at all: " + storm);
    JsonObject sample = announced.stream().filter(event -> event.getString("userId").equals("1000007")).findFirst().orElse(null);
    assertTrue(sample == null || sample.getString("state").equals("online"));
    assertNull(announced.stream().filter(event -> event.getString("userId").equals("1000007")
      && !event.getString("state").equals("online")).findFirst().orElse(null));
  }
}
