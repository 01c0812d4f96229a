package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Auth;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The platform's operators on the bridge: they watch counts and presence on platform addresses, and nothing else")
class OperatorBridgeTest {

  private static final String PASSWORD = "the operator's first password";

  private static TestServer server;
  private static TestUser alice;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD));
    alice = server.register("alice");
    general = alice.generalRoomId();
  }

  private static String operatorToken() {
    return server.operatorToken(PASSWORD);
  }

  private static BridgeClient operator(String token) {
    return BridgeClient.connect(server, Auth.bearer(token));
  }

  @Test
  @DisplayName("rejects a tenant user registering platform.tenants or platform.tenant.<id>.presence, even of their own tenant")
  void rejectsTenantUsers() {
    try (BridgeClient client = alice.connect()) {
      assertEquals("rejected", client.registerRefused("platform.tenants").getString("body"));
      assertEquals("rejected", client.registerRefused("platform.tenant.1.presence").getString("body"));
      assertEquals("access_denied", client.registerRefused("platform.tenant.01.presence").getString("body"));
    }
  }

  @Test
  @DisplayName("rejects an operator registering room.<id>, user.<id> or tenant.<id>")
  void rejectsOperatorsOnTenantAddresses() {
    try (BridgeClient client = operator(operatorToken())) {
      assertEquals("rejected", client.registerRefused("room." + general).getString("body"));
      assertEquals("rejected", client.registerRefused("user." + alice.id()).getString("body"));
      assertEquals("rejected", client.registerRefused("tenant.1").getString("body"));
      assertEquals("rejected", client.registerRefused("svc.platform.tenants").getString("body"));
      client.register("platform.tenants");
    }
  }

  @Test
  @DisplayName("rejects an operator's requests: an operator's connection sends nothing but pings")
  void rejectsOperatorsRequests() {
    try (BridgeClient client = operator(operatorToken())) {
      client.sendFrame(new JsonObject().put("type", "send").put("address", "chat.send")
        .put("body", new JsonObject().put("roomId", general).put("content", "an operator speaking"))
        .put("replyAddress", "00000000-0000-4000-8000-000000000000"));
      assertEquals("rejected", client.nextError().getString("body"));
      client.sendFrame(new JsonObject().put("type", "send").put("address", "presence.list").put("body", new JsonObject())
        .put("replyAddress", "00000000-0000-4000-8000-000000000001"));
      assertEquals("rejected", client.nextError().getString("body"));
      client.ping();
      client.register("platform.tenants");
    }
    assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content = 'an operator speaking'"));
  }

  @Test
  @DisplayName("rejects an ended platform session, and closes an operator's connection when they sign out")
  void rejectsEndedSessions() {
    String token = operatorToken();
    try (BridgeClient client = operator(token)) {
      client.register("platform.tenants");
      assertEquals(200, server.http.post("/api/platform/auth/logout").bearerTokenAuthentication(token).send().await().statusCode());
      assertEquals("4001 session_ended", client.awaitClose(5000));
    }
    Throwable refused = BridgeClient.refusal(server, Auth.bearer(token), null);
    assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, refused).getStatus());
  }

  @Test
  @DisplayName("the console's own way in: the platform's cookie with ?scope=platform, beside a tenant's cookie, from the app's origin")
  void connectsWithTheCookie() {
    String origin = "http://localhost:" + server.port;
    String cookies = "parley_token=" + alice.token + "; parley_platform=" + operatorToken();
    try (BridgeClient client = BridgeClient.connect(server, Auth.platformCookie(cookies), origin)) {
      client.register("platform.tenants");
      assertEquals("rejected", client.registerRefused("user." + alice.id()).getString("body"));
    }
    // Without ?scope=platform the same cookies make alice's connection, as they always did.
    try (BridgeClient client = BridgeClient.connect(server, Auth.cookie(alice.token + "; parley_platform=" + operatorToken()), origin)) {
      client.register("user." + alice.id());
    }
    // With it, never alice's: a console whose platform session is gone does not come back as her.
    Throwable refused = BridgeClient.refusal(server, Auth.platformCookie("parley_token=" + alice.token), origin);
    assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, refused).getStatus());
  }

  @Test
  @DisplayName("an operator hears a tenant's online count and a person's presence when they connect and when they leave, and no content")
  void hearsPresence() {
    TestUser bob = server.register("bob");
    String presence = "platform.tenant.1.presence";
    try (BridgeClient watching = operator(operatorToken())) {
      watching.register("platform.tenants");
      watching.register(presence);
      long before;
      try (BridgeClient bobs = bob.connect()) {
        bobs.ping();
        JsonObject online = next(watching, presence, "person.presence", event -> bob.id().equals(event.getString("userId")));
        assertEquals(true, online.getBoolean("online"), online.encode());
        assertEquals("online", online.getString("state"));
        assertEquals("1", online.getString("tenantId"));
        JsonObject count = next(watching, "platform.tenants", "tenant.online", event -> "1".equals(event.getString("tenantId")));
        before = count.getLong("onlineNow");
        assertTrue(before >= 1, count.encode());
        bobs.request("chat.send", new JsonObject().put("roomId", general).put("content", "bob's words"));
      }
      JsonObject offline = next(watching, presence, "person.presence", event -> bob.id().equals(event.getString("userId")));
      assertEquals(false, offline.getBoolean("online"), offline.encode());
      assertEquals("offline", offline.getString("state"));
      JsonObject count = next(watching, "platform.tenants", "tenant.online", event -> "1".equals(event.getString("tenantId")));
      assertEquals(before - 1, count.getLong("onlineNow"), count.encode());
      assertTrue(watching.drain(presence, "person.presence", presence).stream().noneMatch(event -> event.encode().contains("bob's words")));
    }
  }

  /** The next event of that type on the address that matches, skipping others. */
  private static JsonObject next(BridgeClient client, String address, String type, Predicate<JsonObject> matching) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = client.poll(address, 100);
      if (event != null && type.equals(event.getString("type")) && matching.test(event)) {
        return event;
      }
    }
    throw new AssertionError("no matching " + type + " on " + address);
  }
}
