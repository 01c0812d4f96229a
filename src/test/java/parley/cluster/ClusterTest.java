package parley.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.tenant.TenantHosts;
import parley.testing.BridgeClient;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes A and B (and, for a while, C) clustered by Hazelcast on 127.0.0.1 in this JVM, each with its own HTTP port,
 * sharing one database and the machine's Redis. Hazelcast is started once for the class.
 */
@DisplayName("A cluster of nodes: nothing a user sees depends on the node they reach")
class ClusterTest {

  private static final int TTL_SECONDS = 6;
  private static final String OPERATOR_PASSWORD = "the operator's first password";
  private static final WireCounter WIRE_A = new WireCounter();
  private static final WireCounter WIRE_B = new WireCounter();

  private static DatabaseUrl database;
  private static TestCluster cluster;
  private static TestServer a;
  private static TestServer b;
  private static TestUser admin;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.fresh();
    cluster = TestCluster.of("test", 3, database, TTL_SECONDS);
    long started = System.currentTimeMillis();
    Future<Vertx> vertxA = ClusteredVertx.builder(AppConfig.withOverrides(settings(0))).withMetrics(WIRE_A).buildClustered();
    Future<Vertx> vertxB = ClusteredVertx.builder(AppConfig.withOverrides(settings(1))).withMetrics(WIRE_B).buildClustered();
    Future.all(vertxA, vertxB).await();
    long clustered = System.currentTimeMillis();
    // Both at once, so that their migrations meet at Liquibase's lock.
    // Node A alone makes the platform's first operator.
    Future<TestServer> nodeA = TestServer.startNode(vertxA.result(), database, settings(0).put("PLATFORM_ADMIN_PASSWORD", OPERATOR_PASSWORD));
    Future<TestServer> nodeB = TestServer.startNode(vertxB.result(), database, settings(1));
    Future.all(nodeA, nodeB).await();
    a = nodeA.result();
    b = nodeB.result();
    System.out.printf("cluster of two: Hazelcast %d ms, both Parleys %d ms%n", clustered - started, System.currentTimeMillis() - clustered);
    admin = a.register("admin");
  }

  @AfterAll
  static void stop() {
    for (TestServer node : new TestServer[] {a, b}) {
      if (node != null) {
        node.vertx.close().await();
      }
    }
  }

  private static JsonObject settings(int node) {
    return cluster.settings(node);
  }


  private static BridgeClient connect(TestServer node, TestUser user) {
    return BridgeClient.connect(node, BridgeClient.Auth.bearer(user.token));
  }

  private static JsonObject send(BridgeClient client, String roomId, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", content)).getJsonObject("message");
  }

  private static String stateIn(BridgeClient client, TestUser user) {
    JsonArray users = client.request("presence.list", new JsonObject()).getJsonArray("users");
    return users.stream().map(JsonObject.class::cast).filter(entry -> entry.getString("userId").equals(user.id()))
      .findFirst().orElseThrow().getString("state");
  }

  /** Waits until every client shows {@code user} in {@code state}; answers how long that took. */
  private static long awaitState(TestUser user, String state, long millis, BridgeClient... clients) throws InterruptedException {
    long start = System.currentTimeMillis();
    while (true) {
      boolean all = true;
      for (BridgeClient client : clients) {
        all &= state.equals(stateIn(client, user));
      }
      if (all) {
        return System.currentTimeMillis() - start;
      }
      if (System.currentTimeMillis() - start > millis) {
        throw new AssertionError(user.username() + " not " + state + " everywhere within " + millis + " ms");
      }
      Thread.sleep(200);
    }
  }

  /** The next presence.changed about {@code user} told to {@code client} (which watches them), the client being {@code owner}'s. */
  private static JsonObject nextPresence(BridgeClient client, TestUser owner, TestUser user) {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = client.poll("user." + owner.id(), 100);
      if (event != null && "presence.changed".equals(event.getString("type"))) {
        for (Object told : event.getJsonArray("users")) {
          if (user.id().equals(((JsonObject) told).getString("userId"))) {
            return (JsonObject) told;
          }
        }
      }
    }
    throw new AssertionError("no presence.changed for " + user.username());
  }

  @Test
  @DisplayName("a tenant's new domain, published on one node, is known at once on the other, which had kept the old answer")
  void tenantHostsForgottenEverywhere() {
    String domain = "chat.cluster.test";
    // One connection, so one event loop of node B answers throughout: each keeps what it knew.
    WebClient toB = WebClient.create(b.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(b.port),
      new PoolOptions().setHttp1MaxSize(1));
    String tenant = a.queryOne("INSERT INTO tenants (slug, name) VALUES ('clustered', 'Clustered') RETURNING id");
    assertEquals("default", slugAt(toB, domain));
    a.queryOne("INSERT INTO tenant_domains (domain, tenant_id) VALUES (?, ?) RETURNING domain", domain, Long.parseLong(tenant));
    assertEquals("default", slugAt(toB, domain), "node B should still keep what it knew");
    TenantHosts.changed(a.vertx.eventBus());
    long deadline = System.currentTimeMillis() + 5000;
    while (!"clustered".equals(slugAt(toB, domain)) && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals("clustered", slugAt(toB, domain));
    toB.close();
  }

  private static String slugAt(WebClient node, String host) {
    return node.get("/api/auth/providers").virtualHost(host).send().await().bodyAsJsonObject()
      .getJsonObject("tenant").getString("slug");
  }

  @Test
  @DisplayName("two nodes starting at once run the migrations once, taking turns at Liquibase's lock")
  void migrationsRunOnce() {
    assertEquals(a.queryOne("SELECT count(DISTINCT id || filename) FROM databasechangelog"), a.queryOne("SELECT count(*) FROM databasechangelog"));
    assertTrue(Integer.parseInt(a.queryOne("SELECT count(*) FROM databasechangelog")) > 0);
    assertEquals("f", a.queryOne("SELECT bool_or(locked) FROM databasechangeloglock"));
  }

  @Test
  @DisplayName("a user on node A and a user on node B chat live, each seeing every message in order")
  void chatAcrossNodes() {
    TestUser alice = a.register("alice");
    TestUser bob = b.register("bob");
    String room = admin.createRoom("across", alice, bob);
    String address = "room." + room;
    try (BridgeClient alices = connect(a, alice); BridgeClient bobs = connect(b, bob)) {
      alices.register(address, a, b);
      bobs.register(address, a, b);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        BridgeClient sender = i % 2 == 0 ? alices : bobs;
        sent.add(send(sender, room, "line " + i).getString("id"));
      }
      // Each send waited for its reply, so seq order is send order; arrival order may differ (docs/protocol.md,
      // "Order and delivery": an event from the other node can come after a later one published here).
      for (BridgeClient reader : List.of(alices, bobs)) {
        java.util.TreeMap<Long, String> seen = new java.util.TreeMap<>();
        for (int i = 0; i < 10; i++) {
          JsonObject message = reader.next(address, "message.new").getJsonObject("message");
          seen.put(message.getLong("seq"), message.getString("id"));
        }
        assertEquals(sent, new ArrayList<>(seen.values()));
      }
    }
  }

  @Test
  @DisplayName("register, then any request: from its answer on, what is published on any node reaches the socket")
  void registrationThenRequestCoversEveryNode() {
    TestUser alice = a.register("alice");
    TestUser bob = b.register("bob");
    try (BridgeClient bobs = connect(b, bob)) {
      for (int i = 0; i < 8; i++) {
        String room = admin.createRoom("fresh-" + i + "-" + UUID.randomUUID().toString().substring(0, 8), alice, bob);
        String address = "room." + room;
        // The first socket on node B to register this room, and no probe: only the protocol's promise.
        bobs.sendFrame(new JsonObject().put("type", "register").put("address", address));
        bobs.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, 0)));
        // What MessageVerticle on node A does when it stores a message, at once.
        a.vertx.eventBus().publish(address, new JsonObject().put("type", "test.marker").put("room", i));
        assertEquals(i, bobs.next(address, "test.marker").getInteger("room"), "room " + i);
      }
    }
  }

  @Test
  @DisplayName("a DM and a mention made on node A reach their user on node B")
  void dmAndMentionAcrossNodes() {
    TestUser carol = a.register("carol");
    TestUser dan = b.register("dan");
    String room = admin.createRoom("mentions", carol, dan);
    try (BridgeClient carols = connect(a, carol); BridgeClient dans = connect(b, dan)) {
      dans.register("user." + dan.id(), a, b);
      assertEquals(200, carol.post("/api/dms", new JsonObject().put("userId", dan.id())).statusCode() / 100 * 100);
      String dm = dans.next("user." + dan.id(), "conversation.created").getJsonObject("room").getString("id");
      dans.register("room." + dm, a, b);
      send(carols, dm, "psst");
      assertEquals("psst", dans.next("room." + dm, "message.new").getJsonObject("message").getString("content"));

      JsonObject named = send(carols, room, "@" + dan.username() + " look");
      JsonObject mention = dans.next("user." + dan.id(), "mention.new");
      assertEquals(named.getString("id"), mention.getString("messageId"));
    }
  }

  @Test
  @DisplayName("an announcement sent on node A reaches its recipient's tabs on both nodes at once; reading on B clears A's")
  void announcementAcrossNodes() {
    TestUser gail = b.register("gail");
    try (BridgeClient onA = connect(a, gail); BridgeClient onB = connect(b, gail)) {
      onA.register("user." + gail.id(), a, b);
      onB.register("user." + gail.id(), a, b);
      io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> sent = admin.post("/api/announcements", new JsonObject()
        .put("title", "All hands").put("body", "At noon.").put("audience", new JsonObject().put("userIds", new JsonArray().add(gail.id()))));
      assertEquals(201, sent.statusCode(), sent.bodyAsString());
      String id = sent.bodyAsJsonObject().getJsonObject("announcement").getString("id");
      for (BridgeClient tab : List.of(onA, onB)) {
        assertEquals(id, tab.next("user." + gail.id(), "announcement.new").getJsonObject("announcement").getString("id"));
      }
      assertEquals(200, gail.post("/api/announcements/" + id + "/read", new JsonObject()).statusCode());
      assertEquals(id, onA.next("user." + gail.id(), "announcement.read").getString("announcementId"));
    }
  }

  @Test
  @DisplayName("an operator on node A hears a person connecting on node B, and leaving, once each, with the tenant's online count")
  void operatorsAcrossNodes() throws Exception {
    TestUser gina = a.register("gina");
    String token = a.operatorToken(OPERATOR_PASSWORD);
    String presence = "platform.tenant.1.presence";
    try (BridgeClient operator = BridgeClient.connect(a, BridgeClient.Auth.bearer(token))) {
      operator.register(presence, b);
      operator.register("platform.tenants", b);
      try (BridgeClient ginaOnB = connect(b, gina)) {
        ginaOnB.ping();
        assertEquals(true, toldAbout(operator, presence, gina).getBoolean("online"));
        assertTrue(operator.next("platform.tenants", "tenant.online").getLong("onlineNow") >= 1);
        Thread.sleep(2500);
        assertTrue(operator.drain(presence, "person.presence", presence).stream()
          .noneMatch(event -> gina.id().equals(event.getString("userId"))), "told twice");
      }
      assertEquals(false, toldAbout(operator, presence, gina).getBoolean("online"));
    }
  }

  private static JsonObject toldAbout(BridgeClient operator, String address, TestUser user) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = operator.poll(address, 100);
      if (event != null && "person.presence".equals(event.getString("type")) && user.id().equals(event.getString("userId"))) {
        return event;
      }
    }
    throw new AssertionError("operators were not told of " + user.username());
  }

  @Test
  @DisplayName("presence is the same from either node; tabs on both nodes are online once, offline when both close")
  void presenceAcrossNodes() throws Exception {
    TestUser erin = a.register("erin");
    TestUser frank = b.register("frank");
    try (BridgeClient franks = connect(b, frank); BridgeClient admins = connect(a, admin)) {
      franks.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(erin.id())));
      BridgeClient erinOnA = connect(a, erin);
      assertEquals("online", nextPresence(franks, frank, erin).getString("state"));
      BridgeClient erinOnB = connect(b, erin);
      awaitState(erin, "online", 5000, franks, admins);
      awaitState(frank, "online", 5000, franks, admins);
      erinOnA.close();
      Thread.sleep(2500);
      assertEquals("online", stateIn(franks, erin));
      assertEquals("online", stateIn(admins, erin));
      erinOnB.close();
      JsonObject offline = nextPresence(franks, frank, erin);
      assertEquals("offline", offline.getString("state"), "erin announced once online, then offline: " + offline);
      awaitState(erin, "offline", 5000, franks, admins);
    }
  }

  @Test
  @DisplayName("a publish crosses to each other node once, whatever the number of sockets there")
  void oneClusterMessagePerNode() {
    TestUser watcher = b.register("watcher");
    TestUser writer = a.register("writer");
    String room = admin.createRoom("fanout", watcher, writer);
    String address = "room." + room;
    int sockets = 20;
    int events = 200;
    List<BridgeClient> onB = new ArrayList<>();
    try (BridgeClient writers = connect(a, writer)) {
      writers.register(address, a, b);
      for (int i = 0; i < sockets; i++) {
        BridgeClient client = connect(b, watcher);
        client.register(address, a, b);
        onB.add(client);
      }
      long writtenBefore = WIRE_A.written(address);
      long readBefore = WIRE_B.read(address);
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        a.vertx.eventBus().publish(address, new JsonObject().put("type", "load").put("n", i));
      }
      for (BridgeClient client : onB) {
        for (int i = 0; i < events; i++) {
          assertEquals(i, client.next(address, "load").getInteger("n"));
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(events, WIRE_A.written(address) - writtenBefore, "messages A wrote to B");
      assertEquals(events, WIRE_B.read(address) - readBefore, "messages B read from A");
      System.out.printf("fan-out: %d events to %d sockets on the other node: %d cluster messages, %d deliveries in %d ms%n",
        events, sockets, WIRE_A.written(address) - writtenBefore, events * sockets, millis);

      // Stored messages too: whichever node stores one publishes it, and it crosses to the other node once.
      long crossedBefore = WIRE_A.written(address) + WIRE_B.written(address);
      for (int i = 0; i < 20; i++) {
        send(writers, room, "stored " + i);
      }
      for (BridgeClient client : onB) {
        for (int i = 0; i < 20; i++) {
          client.next(address, "message.new");
        }
      }
      assertEquals(20, WIRE_A.written(address) + WIRE_B.written(address) - crossedBefore, "cluster messages for 20 chat.send");
    } finally {
      onB.forEach(BridgeClient::close);
    }
  }

  @Test
  @DisplayName("rejects an ended session on every node at once: its sockets close and its token is refused on the other node too")
  void revocationReachesEveryNode() {
    TestUser kim = a.register("kim");
    TestUser kimOnPhone = b.login(kim);
    String phoneSession = kimOnPhone.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions").stream()
      .map(JsonObject.class::cast).filter(session -> session.getBoolean("current")).findFirst().orElseThrow().getString("id");
    try (BridgeClient onA = connect(a, kimOnPhone); BridgeClient onB = connect(b, kimOnPhone); BridgeClient kept = connect(b, kim)) {
      // Both nodes have the phone's session in their cache now.
      assertEquals(200, new TestUser(a, kimOnPhone.user, kimOnPhone.token).get("/api/auth/me").statusCode());
      assertEquals(200, kimOnPhone.get("/api/auth/me").statusCode());

      assertEquals(200, kim.delete("/api/auth/sessions/" + phoneSession).statusCode());
      assertEquals("4001 session_ended", onA.awaitClose(1000));
      assertEquals("4001 session_ended", onB.awaitClose(1000));
      assertEquals(401, kimOnPhone.get("/api/auth/me").statusCode());
      assertEquals(401, new TestUser(a, kimOnPhone.user, kimOnPhone.token).get("/api/auth/me").statusCode());
      kept.request("presence.list", new JsonObject());
    }
  }

  @Test
  @DisplayName("a third node joins and chats; stopped hard, its users go offline within the TTL and resync on A losing nothing")
  void thirdNodeStopsHard() throws Exception {
    Vertx vertxC = ClusteredVertx.start(AppConfig.withOverrides(settings(2))).await();
    TestServer c = TestServer.startNode(vertxC, database, settings(2)).await();
    TestUser gus = c.register("gus");
    TestUser hana = a.register("hana");
    TestUser ida = b.register("ida");
    String room = admin.createRoom("three", gus, hana, ida);
    String address = "room." + room;
    BridgeClient gusOnC = connect(c, gus);
    try (BridgeClient hanas = connect(a, hana); BridgeClient idas = connect(b, ida)) {
      for (BridgeClient client : List.of(gusOnC, hanas, idas)) {
        client.register(address, a, b, c);
      }
      String fromGus = send(gusOnC, room, "hello from C").getString("id");
      String fromIda = send(idas, room, "hello from B").getString("id");
      for (BridgeClient client : List.of(gusOnC, hanas, idas)) {
        assertEquals(fromGus, client.next(address, "message.new").getJsonObject("message").getString("id"));
        assertEquals(fromIda, client.next(address, "message.new").getJsonObject("message").getString("id"));
      }
      long cursor = send(gusOnC, room, "last words").getLong("changeSeq");
      awaitState(gus, "online", 5000, hanas, idas);

      // No goodbye: C sends nothing more, not even its sockets closing, and leaves.
      vertxC.eventBus().addOutboundInterceptor(delivery -> { });
      long stopped = System.currentTimeMillis();
      vertxC.close().await();
      // From the moment both remaining nodes have seen C go, each request is answered at once, as ever.
      while (((VertxInternal) a.vertx).clusterManager().getNodes().size() > 2
        || ((VertxInternal) b.vertx).clusterManager().getNodes().size() > 2) {
        Thread.sleep(50);
      }
      List<String> missed = List.of(send(hanas, room, "while C is gone").getString("id"), send(idas, room, "still gone").getString("id"));

      awaitState(gus, "offline", (TTL_SECONDS + 6) * 1000L, hanas, idas);
      long offlineAfter = System.currentTimeMillis() - stopped;
      assertTrue(offlineAfter >= (TTL_SECONDS - 1) * 1000L, "offline through the TTL, not a goodbye: " + offlineAfter + " ms");
      System.out.printf("node C stopped hard: its user offline after %d ms (TTL %d s)%n", offlineAfter, TTL_SECONDS);

      try (BridgeClient gusOnA = connect(a, gus)) {
        gusOnA.register(address, a, b);
        JsonObject synced = gusOnA.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, cursor)))
          .getJsonObject("rooms").getJsonObject(room);
        List<String> got = synced.getJsonArray("messages").stream().map(JsonObject.class::cast).map(m -> m.getString("id")).toList();
        assertEquals(missed, got);
        assertTrue(!synced.getBoolean("more"));
        awaitState(gus, "online", 5000, hanas, idas);
      }
    }
  }
}
