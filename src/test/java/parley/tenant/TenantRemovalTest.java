package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.bus.Addresses;
import parley.testing.BridgeClient;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Deleting a tenant whose time has come")
class TenantRemovalTest {

  private static final String JWT_SECRET = "a secret for minting other tenants' tokens, 32 bytes or more";
  /** A tenant's token works at its own hosts alone: the doomed tenant's people use doomed.localtest. */
  /**
   * Tables that hold no tenant's data: Liquibase's own, the server's keys, the platform's operators and their sessions,
   * and tenants (checked by id).
   */
  private static final List<String> NOT_TENANT_DATA = List.of("databasechangelog", "databasechangeloglock", "server_keys",
    "platform_operators", "platform_sessions", "tenants");

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("JWT_SECRET", JWT_SECRET).put("TENANT_BASE_DOMAIN", TwoTenants.BASE_DOMAIN));
    alice = server.register("alice");
    TestUser bob = server.register("bob");
    String room = alice.createRoom("staying", bob);
    try (BridgeClient alices = alice.connect()) {
      alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "we stay"));
    }
    Uploads.uploaded(bob, "stays.png", TestImages.image(300, 200, "png"));
  }

  @Test
  @DisplayName("removes every row and file of the tenant, from every table, and nothing of another tenant")
  void nothingRemains() {
    Map<String, Long> before = tableCounts();
    long tenant = doomedTenantWithEverything();
    Map<String, Long> filled = tableCounts();
    for (String table : tenantTables()) {
      assertTrue(countOf(table, tenant) > 0, "the doomed tenant has no rows in " + table + ": give it some, so the test covers it");
    }
    for (String table : before.keySet()) {
      if (!NOT_TENANT_DATA.contains(table) && !tenantTables().contains(table)) {
        assertTrue(filled.get(table) > before.get(table), "the doomed tenant has no rows in " + table + ": give it some, so the test covers it");
      }
    }

    server.queryOne("UPDATE tenants SET delete_after = now() - interval '1 second' WHERE id = ? RETURNING id", tenant);
    assertEquals(1, sweep());

    assertEquals("0", server.queryOne("SELECT count(*) FROM tenants WHERE id = ?", tenant));
    for (String table : tenantTables()) {
      assertEquals(0, countOf(table, tenant), table);
    }
    Map<String, Long> after = tableCounts();
    before.keySet().stream().filter(table -> !NOT_TENANT_DATA.contains(table)).forEach(table ->
      assertEquals(before.get(table), after.get(table), table + " lost or kept rows"));
    try (BridgeClient alices = alice.connect()) {
      JsonArray history = alices.request("chat.history", new JsonObject().put("roomId", alice.get("/api/rooms").bodyAsJsonObject()
        .getJsonArray("rooms").stream().map(JsonObject.class::cast).filter(room -> room.getString("name").equals("staying"))
        .findFirst().orElseThrow().getString("id"))).getJsonArray("messages");
      assertEquals("we stay", history.getJsonObject(history.size() - 1).getString("content"));
    }
  }

  @Test
  @DisplayName("rejects deleting the default tenant, or a tenant before its time")
  void rejectsTheDefaultTenantAndTheEarly() {
    long early = Long.parseLong(server.strangerElsewhere("not-yet").tenantId());
    server.queryOne("UPDATE tenants SET delete_after = now() + interval '1 day' WHERE id = ? RETURNING id", early);
    server.queryOne("UPDATE tenants SET delete_after = now() - interval '1 day' WHERE id = 1 RETURNING id");
    try {
      assertEquals(0, sweep());
      assertEquals("1", server.queryOne("SELECT count(*) FROM tenants WHERE id = 1"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM tenants WHERE id = ?", early));
      assertEquals(200, alice.get("/api/rooms").statusCode());
    } finally {
      server.queryOne("UPDATE tenants SET delete_after = NULL WHERE id IN (1, ?) RETURNING id", early);
    }
  }

  private static int sweep() {
    return server.vertx.eventBus().<JsonObject>request(Addresses.TENANT_SWEEP, new JsonObject()).await().body().getInteger("removed");
  }

  /** A tenant with rows in every table: made through the API where it can be, as its own people would. */
  private static long doomedTenantWithEverything() {
    TestServer.Stranger stranger = server.strangerElsewhere("doomed");
    long tenant = Long.parseLong(stranger.tenantId());
    server.queryOne("INSERT INTO tenant_domains (domain, tenant_id) VALUES ('chat.doomed.example', ?) RETURNING domain", tenant);
    server.queryOne("UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = ? AND name = 'superadmin') WHERE id = ? RETURNING id",
      tenant, Long.parseLong(stranger.userId()));
    String otherId = server.queryOne("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
      + "SELECT ?, 'other', 'Other', 'x', id FROM roles WHERE tenant_id = ? AND name = 'member' RETURNING id", tenant, tenant);
    TestUser owner = signedIn(tenant, stranger.userId(), "stranger");
    TestUser other = signedIn(tenant, otherId, "other");

    String room = owner.createRoom("doomed-room", other);
    String fileId = Uploads.uploaded(owner, "doomed.png", TestImages.image(300, 200, "png")).getString("id");
    try (BridgeClient owners = owner.connect(); BridgeClient others = other.connect()) {
      String message = owners.request("chat.send", new JsonObject().put("roomId", room).put("content", "soon gone")
        .put("attachments", new JsonArray().add(fileId))).getJsonObject("message").getString("id");
      others.request("chat.send", new JsonObject().put("roomId", room).put("content", "a reply").put("replyTo", message));
      others.request("chat.react", new JsonObject().put("messageId", message).put("emoji", "👍"));
      String poll = owners.request("chat.send", new JsonObject().put("roomId", room).put("poll", new JsonObject()
        .put("question", "Close shop?").put("options", new JsonArray().add("Yes").add("No")))).getJsonObject("message").getString("id");
      others.request("poll.vote", new JsonObject().put("messageId", poll).put("optionIds", new JsonArray().add(1)));
      others.request("chat.read", new JsonObject().put("roomId", room).put("seq", 2));
      owners.request("presence.set", new JsonObject().put("state", "dnd"));
    }
    String announcement = owner.post("/api/announcements", new JsonObject().put("title", "Closing").put("body", "We close.")
      .put("audience", new JsonObject().put("userIds", new JsonArray().add(otherId)))).bodyAsJsonObject()
      .getJsonObject("announcement").getString("id");
    assertEquals(200, other.post("/api/announcements/" + announcement + "/read", new JsonObject()).statusCode());
    assertEquals(200, other.post("/api/announcements/" + announcement + "/reactions", new JsonObject().put("emoji", "👋")).statusCode());
    assertEquals(201, owner.post("/api/invites", new JsonObject().put("label", "latecomers")).statusCode());
    assertEquals(201, owner.post("/api/users/" + otherId + "/password-reset", new JsonObject()).statusCode());
    assertEquals(201, other.post("/api/push/subscriptions", new JsonObject().put("kind", "expo").put("token", "ExponentPushToken[doomed]")).statusCode());
    assertEquals(200, other.request(io.vertx.core.http.HttpMethod.PATCH, "/api/push/settings")
      .sendJsonObject(new JsonObject().put("level", "all")).await().statusCode());
    assertEquals(200, other.post("/api/push/rooms/" + room, new JsonObject().put("muted", true)).statusCode());
    assertEquals(200, owner.get("/api/tenant/export").statusCode());
    // What the API makes only with a push service or an identity provider at hand.
    server.queryOne("INSERT INTO push_outbox (tenant_id, user_id, provider, item_key, payload) VALUES (?, ?, 'expo', 'k', '{}') RETURNING id",
      tenant, Long.parseLong(otherId));
    server.queryOne("INSERT INTO sso_logins (id, state, nonce, code_verifier, redirect_uri, expires_at, tenant_id) "
      + "VALUES (?::uuid, 's', 'n', 'v', 'https://doomed.example/api/auth/oidc/callback', now() + interval '10 minutes', ?) RETURNING id",
      UUID.randomUUID().toString(), tenant);
    server.queryOne("INSERT INTO external_tokens (session_id, tenant_id, user_id, expires_at) VALUES (?::uuid, ?, ?, now() + interval '1 hour') RETURNING session_id",
      UUID.randomUUID().toString(), tenant, Long.parseLong(otherId));
    return tenant;
  }

  private static TestUser signedIn(long tenant, String userId, String username) {
    return TwoTenants.signedIn(server, JWT_SECRET, tenant, userId, username);
  }

  private static List<String> tenantTables() {
    return List.of(server.queryOne("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.columns "
      + "WHERE table_schema = 'public' AND column_name = 'tenant_id'").split(","));
  }

  private static long countOf(String table, long tenant) {
    return Long.parseLong(server.queryOne("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenant));
  }

  private static Map<String, Long> tableCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : server.queryOne("SELECT string_agg(table_name, ',') FROM information_schema.tables "
      + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").split(",")) {
      counts.put(table, Long.parseLong(server.queryOne("SELECT count(*) FROM " + table)));
    }
    return counts;
  }
}
