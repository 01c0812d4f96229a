package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.bus.Addresses;
import parley.cluster.ClusteredVertx;
import parley.cluster.TestCluster;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.testing.BridgeClient;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two nodes clustered on 127.0.0.1 over one database, and two tenants: A's people on node 1, B's on both. What
 * happens in A on one node reaches A's people on the other, and none of B's on either.
 */
@DisplayName("Tenant isolation on a cluster: two nodes, two tenants")
class TenantIsolationClusterTest {

  private static TestCluster cluster;
  private static TestServer one;
  private static TestServer two;
  private static TestUser alice;
  private static TestUser bob;
  private static String aRoom;
  private static long tenantB;
  private static TestUser bMember;
  private static TestUser bSuperadmin;
  private static String bRoom;

  @BeforeAll
  static void start() {
    DatabaseUrl database = TestDatabase.fresh();
    cluster = TestCluster.of("isolation", 2, database, 6);
    JsonObject settingsOne = cluster.settings(0).put("TENANT_BASE_DOMAIN", TwoTenants.BASE_DOMAIN);
    JsonObject settingsTwo = cluster.settings(1).put("TENANT_BASE_DOMAIN", TwoTenants.BASE_DOMAIN);
    Future<Vertx> vertxOne = ClusteredVertx.builder(AppConfig.withOverrides(settingsOne)).buildClustered();
    Future<Vertx> vertxTwo = ClusteredVertx.builder(AppConfig.withOverrides(settingsTwo)).buildClustered();
    Future.all(vertxOne, vertxTwo).await();
    Future<TestServer> nodeOne = TestServer.startNode(vertxOne.result(), database, settingsOne);
    Future<TestServer> nodeTwo = TestServer.startNode(vertxTwo.result(), database, settingsTwo);
    Future.all(nodeOne, nodeTwo).await();
    one = nodeOne.result();
    two = nodeTwo.result();

    alice = one.register(TwoTenants.MARK + "_alice");
    bob = two.register(TwoTenants.MARK + "_bob");
    aRoom = alice.createRoom(TwoTenants.MARK + "-cluster", bob);

    TestServer.Stranger stranger = one.strangerElsewhere("beta");
    tenantB = Long.parseLong(stranger.tenantId());
    String chief = one.queryOne("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
      + "SELECT ?, 'chief', 'Chief', 'x', id FROM roles WHERE tenant_id = ? AND name = 'superadmin' RETURNING id", tenantB, tenantB);
    bMember = TwoTenants.signedIn(two, cluster.jwtSecret(), tenantB, stranger.userId(), "stranger");
    bSuperadmin = TwoTenants.signedIn(one, cluster.jwtSecret(), tenantB, chief, "chief");
    bRoom = bSuperadmin.createRoom("beta-cluster", bMember);
  }

  @AfterAll
  static void stop() {
    for (TestServer node : new TestServer[] {one, two}) {
      if (node != null) {
        node.vertx.close().await();
      }
    }
  }

  /** B's people, each connected to both nodes, by where. */
  private static Map<String, BridgeClient> bConnections() {
    return Map.of(
      "B's member on node 1", BridgeClient.connect(one, BridgeClient.Auth.bearer(bMember.token), null, bMember.host),
      "B's member on node 2", BridgeClient.connect(two, BridgeClient.Auth.bearer(bMember.token), null, bMember.host),
      "B's superadmin on node 1", BridgeClient.connect(one, BridgeClient.Auth.bearer(bSuperadmin.token), null, bSuperadmin.host),
      "B's superadmin on node 2", BridgeClient.connect(two, BridgeClient.Auth.bearer(bSuperadmin.token), null, bSuperadmin.host));
  }

  private static String userAddress(String who) {
    return Addresses.user(Long.parseLong(who.startsWith("B's member") ? bMember.id() : bSuperadmin.id()));
  }

  @Test
  @DisplayName("rejects registering A's room on either node, and delivers none of A's messages to B's people on either")
  void messagesStayInTheirTenant() {
    Map<String, BridgeClient> clients = bConnections();
    String aAddress = Addresses.room(Long.parseLong(aRoom));
    try (BridgeClient alices = BridgeClient.connect(one, BridgeClient.Auth.bearer(alice.token));
         BridgeClient bobs = BridgeClient.connect(two, BridgeClient.Auth.bearer(bob.token))) {
      clients.forEach((who, client) -> {
        client.register(userAddress(who), one, two);
        client.register(Addresses.tenant(tenantB), one, two);
        client.register(Addresses.room(Long.parseLong(bRoom)), one, two);
        JsonObject refused = client.registerRefused(aAddress);
        assertEquals(client.registerRefused(Addresses.room(987654321L)), refused, who);
        assertEquals("rejected", refused.getString("body"), who);
      });
      bobs.register(aAddress, one, two);

      alices.request("chat.send", new JsonObject().put("roomId", aRoom).put("content", TwoTenants.MARK + " @" + bob.username()));
      assertEquals(TwoTenants.MARK + " @" + bob.username(), bobs.next(aAddress, "message.new").getJsonObject("message").getString("content"));

      clients.forEach((who, client) -> {
        for (String address : List.of(aAddress, Addresses.room(Long.parseLong(bRoom)), Addresses.tenant(tenantB), userAddress(who))) {
          assertEquals(List.of(), client.drain(address, "message.new", userAddress(who)), who + " heard A's message on " + address);
          assertEquals(List.of(), client.drain(address, "mention.new", userAddress(who)), who + " heard A's mention on " + address);
        }
      });
    } finally {
      clients.values().forEach(BridgeClient::close);
    }
  }

  @Test
  @DisplayName("rejects B's requests with A's ids on either node, and B's superadmin's deletion of A's room")
  void requestsStayInTheirTenant() {
    Map<String, BridgeClient> clients = bConnections();
    try {
      clients.forEach((who, client) -> {
        for (String address : List.of(Addresses.CHAT_SEND, Addresses.CHAT_HISTORY)) {
          JsonObject request = new JsonObject().put("content", "hello");
          BridgeClient.Failure withA = client.requestFailure(address, request.copy().put("roomId", aRoom));
          assertEquals(client.requestFailure(address, request.copy().put("roomId", "987654321")), withA, who + " " + address);
        }
        JsonArray watched = client.request(Addresses.PRESENCE_WATCH, new JsonObject().put("userIds", new JsonArray().add(alice.id())))
          .getJsonArray("users");
        assertEquals("offline", watched.getJsonObject(0).getString("state"), who);
      });
      for (TestServer node : List.of(one, two)) {
        TestUser chief = new TestUser(node, bSuperadmin.user, bSuperadmin.token, bSuperadmin.host);
        assertEquals(404, chief.delete("/api/rooms/" + aRoom).statusCode());
      }
      assertEquals(200, alice.get("/api/rooms/" + aRoom + "/members").statusCode());
    } finally {
      clients.values().forEach(BridgeClient::close);
    }
  }
}
