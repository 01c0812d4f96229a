package parley.platform;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("/api/platform/tenants: operators make organisations, change them, see who is online, and take their exports")
class PlatformTenantsTest {

  private static final String PASSWORD = "the operator's first password";
  private static final String MESSAGE = "a sentence only the organisation's people may read";

  private static TestServer server;
  private static TestUser owner;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD));
    owner = server.register("owner");
    operator = server.operatorToken(PASSWORD);
  }

  private static HttpResponse<Buffer> create(JsonObject body) {
    return server.http.post("/api/platform/tenants").bearerTokenAuthentication(operator).sendJsonObject(body).await();
  }

  private static HttpResponse<Buffer> update(String tenantId, JsonObject body) {
    return server.http.patch("/api/platform/tenants/" + tenantId).bearerTokenAuthentication(operator).sendJsonObject(body).await();
  }

  private static JsonObject listed(String tenantId) {
    HttpResponse<Buffer> tenants = server.http.get("/api/platform/tenants").bearerTokenAuthentication(operator).send().await();
    assertEquals(200, tenants.statusCode(), tenants.bodyAsString());
    return tenants.bodyAsJsonObject().getJsonArray("tenants").stream().map(JsonObject.class::cast)
      .filter(tenant -> tenant.getString("id").equals(tenantId)).findFirst().orElseThrow();
  }

  private static String made(String slug, String... domains) {
    HttpResponse<Buffer> created = create(new JsonObject().put("slug", slug).put("name", "The " + slug)
      .put("domains", new JsonArray(List.of(domains))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getJsonObject("tenant").getString("id");
  }

  /** Registers through the auth service as a request to the tenant's own host would, once hosts name tenants. */
  private static JsonObject registerIn(String tenantId, String username) {
    return server.vertx.eventBus().<JsonObject>request(Addresses.AUTH_REGISTER,
        new JsonObject().put("username", username).put("password", TestUser.PASSWORD), Caller.tenantOnly(Long.parseLong(tenantId)))
      .await().body().getJsonObject("user");
  }

  @Test
  @DisplayName("makes an organisation with its system roles, #general and lower-cased domains, whose first person becomes its superadmin")
  void creates() {
    HttpResponse<Buffer> created = create(new JsonObject().put("slug", "acme").put("name", "  Acme Corp  ")
      .put("domains", new JsonArray().add("Chat.Acme.Example").add("chat.acme.example").add("acme.example")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject tenant = created.bodyAsJsonObject().getJsonObject("tenant");
    assertEquals("acme", tenant.getString("slug"));
    assertEquals("Acme Corp", tenant.getString("name"));
    assertEquals(new JsonArray().add("acme.example").add("chat.acme.example"), tenant.getJsonArray("domains"));
    assertEquals(0L, tenant.getLong("people"));
    String id = tenant.getString("id");
    assertEquals("3", server.queryOne("SELECT count(*) FROM roles WHERE tenant_id = ? AND system", Long.parseLong(id)));
    assertEquals("general", server.queryOne("SELECT name FROM rooms WHERE tenant_id = ? AND is_default", Long.parseLong(id)));
    assertEquals(tenant.getJsonArray("domains"), listed(id).getJsonArray("domains"));

    assertEquals("superadmin", registerIn(id, "first").getString("role"));
    assertEquals("member", registerIn(id, "second").getString("role"));
  }

  @Test
  @DisplayName("rejects a bad slug, name or domain, and any other field (settings), each with its slug")
  void rejectsBadForms() {
    JsonObject good = new JsonObject().put("slug", "valid-slug").put("name", "Valid");
    for (String slug : new String[] {"a", "Upper", "-edge", "edge-", "under_score", "www", "api", "platform", "default", "x".repeat(33)}) {
      assertError(create(good.copy().put("slug", slug)), 400, "invalid_slug");
    }
    assertError(create(new JsonObject().put("name", "No slug")), 400, "invalid_slug");
    for (Object name : new Object[] {"", "   ", "n".repeat(101), "tab\there", 42}) {
      assertError(create(good.copy().put("name", name)), 400, "invalid_tenant_name");
    }
    assertError(create(new JsonObject().put("slug", "no-name")), 400, "invalid_tenant_name");
    for (String domain : new String[] {"https://chat.example.org", "chat.example.org:8443", "chat.example.org/path", "localhost",
      "10.0.0.1", "under_score.example.org", "", "chat..example.org"}) {
      assertError(create(good.copy().put("domains", new JsonArray().add(domain))), 400, "invalid_domain");
    }
    assertError(create(good.copy().put("domains", "chat.example.org")), 400, "invalid_domain");
    JsonArray many = new JsonArray();
    for (int i = 0; i <= TenantForm.MAX_DOMAINS; i++) {
      many.add("host" + i + ".example.org");
    }
    assertError(create(good.copy().put("domains", many)), 400, "invalid_domain");
    assertError(create(good.copy().put("colour", "blue")), 400, "unknown_tenant_field");
    HttpResponse<Buffer> settings = create(good.copy().put("settings", new JsonObject().put("theme", "dark")));
    assertError(settings, 400, "invalid_setting");
    assertTrue(settings.bodyAsJsonObject().getString("message").contains("retentionDays"), settings.bodyAsString());
    assertError(create(good.copy().put("settings", new JsonObject().put("maxUploadBytes", 0))), 400, "invalid_setting");
    assertNull(server.queryOne("SELECT id FROM tenants WHERE slug = 'valid-slug'"));
  }

  @Test
  @DisplayName("makes an organisation with settings of its own, lists them, and changes them, telling every node")
  void settings() throws InterruptedException {
    HttpResponse<Buffer> made = create(new JsonObject().put("slug", "settled").put("name", "Settled")
      .put("settings", new JsonObject().put("maxUploadBytes", 5000).put("widgetOrigins", new JsonArray().add("https://Shop.example"))));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    JsonObject settings = made.bodyAsJsonObject().getJsonObject("tenant").getJsonObject("settings");
    assertEquals(5000, settings.getInteger("maxUploadBytes"));
    assertEquals(new JsonArray().add("https://shop.example"), settings.getJsonArray("widgetOrigins"));
    assertNull(settings.getValue("storageQuotaBytes"));
    String id = made.bodyAsJsonObject().getJsonObject("tenant").getString("id");

    LinkedBlockingQueue<JsonObject> notices = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> consumer = server.vertx.eventBus().consumer(Addresses.TENANT_SETTINGS_CHANGED, notice -> notices.add(notice.body()));
    consumer.completion().await();
    try {
      HttpResponse<Buffer> changed = update(id, new JsonObject().put("settings", new JsonObject().put("storageQuotaBytes", 1_000_000)
        .put("maxUploadBytes", null).put("retentionDays", 90)));
      assertEquals(200, changed.statusCode(), changed.bodyAsString());
      assertEquals(new JsonObject(), notices.poll(5, TimeUnit.SECONDS));
      JsonObject listed = listed(id).getJsonObject("settings");
      assertNull(listed.getValue("maxUploadBytes"));
      assertEquals(1_000_000, listed.getInteger("storageQuotaBytes"));
      assertEquals(90, listed.getInteger("retentionDays"));
      assertEquals(new JsonArray().add("https://shop.example"), listed.getJsonArray("widgetOrigins"));
    } finally {
      consumer.unregister().await();
    }
  }

  @Test
  @DisplayName("rejects a slug or a domain another organisation has, and then makes nothing at all")
  void rejectsTaken() {
    made("taken", "chat.taken.example");
    assertError(create(new JsonObject().put("slug", "taken").put("name", "Again")), 409, "slug_taken");
    assertError(create(new JsonObject().put("slug", "thief").put("name", "Thief")
      .put("domains", new JsonArray().add("CHAT.taken.example"))), 409, "domain_taken");
    assertNull(server.queryOne("SELECT id FROM tenants WHERE slug = 'thief'"));
  }

  @Test
  @DisplayName("changes a name, and replaces the domains, freeing those left out; tells every node that host names changed")
  void updates() {
    String id = made("changing", "old.changing.example", "kept.changing.example");
    LinkedBlockingQueue<JsonObject> notices = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> consumer = server.vertx.eventBus().consumer(Addresses.TENANT_HOSTS_CHANGED, notice -> notices.add(notice.body()));
    consumer.completion().await();
    try {
      HttpResponse<Buffer> renamed = update(id, new JsonObject().put("name", "Changed Ltd"));
      assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
      assertEquals("Changed Ltd", renamed.bodyAsJsonObject().getJsonObject("tenant").getString("name"));
      assertEquals(2, renamed.bodyAsJsonObject().getJsonObject("tenant").getJsonArray("domains").size());

      HttpResponse<Buffer> moved = update(id, new JsonObject().put("domains", new JsonArray().add("kept.changing.example").add("new.changing.example")));
      assertEquals(200, moved.statusCode(), moved.bodyAsString());
      assertEquals(new JsonArray().add("kept.changing.example").add("new.changing.example"),
        moved.bodyAsJsonObject().getJsonObject("tenant").getJsonArray("domains"));
      assertEquals(new JsonObject(), notices.poll(5, TimeUnit.SECONDS));
      assertEquals("Changed Ltd", listed(id).getString("name"));

      made("newcomer", "old.changing.example");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      consumer.unregister().await();
    }
  }

  @Test
  @DisplayName("rejects a change to an unknown organisation, its slug or settings, a bad name or domain, and a domain of another")
  void rejectsBadChanges() {
    String id = made("strict", "strict.example");
    made("neighbour", "neighbour.example");
    assertError(update("999999", new JsonObject().put("name", "Nobody")), 404, "tenant_not_found");
    assertError(update("not-an-id", new JsonObject().put("name", "Nobody")), 404, "tenant_not_found");
    assertError(update(id, new JsonObject().put("slug", "renamed")), 400, "unknown_tenant_field");
    assertError(update(id, new JsonObject().put("settings", new JsonObject().put("storageQuotaBytes", "lots"))), 400, "invalid_setting");
    assertError(update(id, new JsonObject().put("name", "")), 400, "invalid_tenant_name");
    assertError(update(id, new JsonObject().put("domains", new JsonArray().add("strict.example:80"))), 400, "invalid_domain");
    assertError(update(id, new JsonObject().put("domains", new JsonArray().add("neighbour.example"))), 409, "domain_taken");
    assertEquals(new JsonArray().add("strict.example"), listed(id).getJsonArray("domains"));
  }

  @Test
  @DisplayName("counts each organisation's people online now: one person with two connections is one, another organisation none")
  void countsOnline() {
    String quiet = made("quiet");
    TestUser other = server.register("other");
    try (BridgeClient first = owner.connect(); BridgeClient second = owner.connect(); BridgeClient third = other.connect()) {
      first.ping();
      second.ping();
      third.ping();
      assertEquals(2, onlineNowOnceAnnounced("1", 2));
      assertEquals(0, listed(quiet).getInteger("onlineNow"));
    }
  }

  /** Presence counts a person online in its next announcing round, not as they connect. */
  private static int onlineNowOnceAnnounced(String tenantId, int expected) {
    long deadline = System.currentTimeMillis() + 5000;
    int online = listed(tenantId).getInteger("onlineNow");
    while (online != expected && System.currentTimeMillis() < deadline) {
      server.vertx.timer(50).await();
      online = listed(tenantId).getInteger("onlineNow");
    }
    return online;
  }

  @Test
  @DisplayName("takes an organisation's export, whole, recorded as the operator's, which its superadmins see in their list")
  void exports() {
    try (BridgeClient owners = owner.connect()) {
      owners.request("chat.send", new JsonObject().put("roomId", owner.generalRoomId()).put("content", MESSAGE));
    }
    HttpResponse<Buffer> archive = server.http.get("/api/platform/tenants/1/export").bearerTokenAuthentication(operator).send().await();
    assertEquals(200, archive.statusCode(), archive.bodyAsString());
    assertTrue(archive.getHeader("Content-Disposition").contains("parley-default-"), archive.getHeader("Content-Disposition"));
    List<JsonObject> lines = Arrays.stream(archive.bodyAsString().split("\n")).map(JsonObject::new).toList();
    assertTrue(lines.stream().anyMatch(line -> "message".equals(line.getString("type")) && MESSAGE.equals(line.getString("content"))));
    assertEquals("end", lines.get(lines.size() - 1).getString("type"));

    assertEquals("admin", server.queryOne("SELECT o.username FROM tenant_exports e JOIN platform_operators o ON o.id = e.started_by_operator "
      + "WHERE e.tenant_id = 1 AND e.started_by IS NULL AND e.outcome = 'complete'"));
    JsonObject newest = owner.get("/api/tenant/exports").bodyAsJsonObject().getJsonArray("exports").getJsonObject(0);
    assertNull(newest.getValue("startedBy"));
    assertEquals("admin", newest.getJsonObject("startedByOperator").getString("username"));
    assertEquals("complete", newest.getString("outcome"));
    assertNotNull(newest.getString("startedAt"));

    assertError(server.http.get("/api/platform/tenants/999999/export").bearerTokenAuthentication(operator).send().await(),
      404, "tenant_not_found");
  }
}
