package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.bus.Addresses;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("A tenant's own settings, each in force at its own hosts only")
class TenantSettingsTest {

  private static final String BASE = "localtest";
  private static final String B_HOST = "b." + BASE;
  private static final String C_HOST = "c." + BASE;
  private static final String D_HOST = "d." + BASE;
  private static final String E_HOST = "e." + BASE;
  private static final String A_SHOP = "https://a-shop.example";
  private static final String B_SHOP = "https://b-shop.example";
  private static final int B_MAX_UPLOAD = 1000;
  private static final int C_QUOTA = 3000;

  private static TestServer server;
  private static int counter;
  private static TestUser aMember;
  private static TestUser bFirst;
  private static TestUser cFirst;
  private static TestUser cSecond;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("TENANT_BASE_DOMAIN", BASE).put("WIDGET_ALLOWED_ORIGINS", A_SHOP));
    tenant("b", new JsonObject().put("requireInvite", true).put("maxUploadBytes", B_MAX_UPLOAD)
      .put("widgetOrigins", new JsonArray().add(B_SHOP)));
    tenant("c", new JsonObject().put("storageQuotaBytes", C_QUOTA));
    tenant("d", new JsonObject());
    tenant("e", new JsonObject().put("retentionDays", 2));
    server.register("afirst");
    aMember = server.register("amember");
    bFirst = registered(B_HOST, "bfirst");
    cFirst = registered(C_HOST, "cfirst");
    cSecond = registered(C_HOST, "csecond");
  }

  private static void tenant(String slug, JsonObject settings) {
    String id = server.queryOne("INSERT INTO tenants (slug, name, settings) VALUES (?, ?, ?::jsonb) RETURNING id",
      slug, slug.toUpperCase(), settings.encode());
    server.queryOne("SELECT create_system_roles(?)", Long.parseLong(id));
  }

  private static HttpResponse<Buffer> register(String host, String name) {
    HttpRequest<Buffer> request = server.http.post("/api/auth/register");
    return (host == null ? request : request.virtualHost(host))
      .sendJsonObject(new JsonObject().put("username", name + "_" + (++counter)).put("password", TestUser.PASSWORD)).await();
  }

  private static TestUser registered(String host, String name) {
    HttpResponse<Buffer> response = register(host, name);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    JsonObject answer = response.bodyAsJsonObject();
    return new TestUser(server, answer.getJsonObject("user"), answer.getString("token"), host);
  }

  private static HttpResponse<Buffer> upload(TestUser user, int size) {
    return Uploads.upload(user, "bytes.bin", Buffer.buffer(new byte[size]));
  }

  @Test
  @DisplayName("rejects registering without an invite at the tenant that requires one, and only there")
  void rejectsRegistrationWithoutInviteWhereRequired() {
    assertError(register(B_HOST, "uninvited"), 403, "invite_required");
    assertEquals(201, register(null, "welcome").statusCode());
  }

  @Test
  @DisplayName("rejects an upload over the tenant's own limit, which does not bind another tenant")
  void rejectsUploadOverTheTenantsLimit() {
    assertError(upload(bFirst, B_MAX_UPLOAD + 1), 413, "file_too_large");
    assertEquals(201, upload(bFirst, B_MAX_UPLOAD).statusCode());
    assertEquals(201, upload(aMember, B_MAX_UPLOAD * 5).statusCode());
    assertEquals(B_MAX_UPLOAD, bFirst.get("/api/users/me/permissions").bodyAsJsonObject().getLong("maxUploadBytes"));
  }

  @Test
  @DisplayName("rejects an upload past the tenant's storage quota, counted over all of its people's files; another tenant still uploads")
  void rejectsUploadPastTheTenantsQuota() {
    assertEquals(201, upload(cFirst, 2000).statusCode());
    // cSecond has stored nothing: their own quota is untouched, the tenant's is not.
    assertError(upload(cSecond, 2000), 413, "storage_quota_exceeded");
    assertEquals(201, upload(cSecond, 900).statusCode());
    assertEquals(201, upload(aMember, 4000).statusCode());
    assertEquals("2900", server.queryOne("SELECT sum(size) FROM files f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = 'c' AND stored"));
  }

  @Test
  @DisplayName("rejects at a tenant's host the widget pages another tenant lists: CORS and a token-bearing Origin alike")
  void rejectsWidgetOriginsOfAnotherTenant() {
    assertEquals(B_SHOP, preflight(B_HOST, B_SHOP));
    assertNull(preflight(B_HOST, A_SHOP));
    assertEquals(A_SHOP, preflight(null, A_SHOP));
    assertNull(preflight(null, B_SHOP));

    assertEquals(201, createRoom(bFirst, B_SHOP, "from-b-shop").statusCode());
    assertError(createRoom(bFirst, A_SHOP, "from-a-shop"), 403, "forbidden_origin");
    assertError(createRoom(aMember, B_SHOP, "from-b-shop-at-a"), 403, "forbidden_origin");
  }

  @Test
  @DisplayName("rejects a tenant's change of the platform's settings (upload limit, storage quota) and a setting out of range; "
    + "a change it may make is in force at once")
  void rejectsTenantChangingThePlatformsSettings() {
    TestUser d = registered(D_HOST, "dfirst");
    assertError(patch(d, new JsonObject().put("maxUploadBytes", 1)), 403, "platform_setting");
    assertError(patch(d, new JsonObject().put("storageQuotaBytes", 1).put("requireInvite", true)), 403, "platform_setting");
    assertError(patch(d, new JsonObject().put("retentionDays", 0)), 400, "invalid_setting");
    assertError(patch(d, new JsonObject().put("widgetOrigins", new JsonArray().add("https://x.example/path"))), 400, "invalid_setting");
    assertError(patch(d, new JsonObject().put("colour", "blue")), 400, "invalid_setting");
    assertEquals(201, register(D_HOST, "before").statusCode());

    HttpResponse<Buffer> changed = patch(d, new JsonObject().put("requireInvite", true).put("retentionDays", 30));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    JsonObject answer = changed.bodyAsJsonObject();
    assertEquals(true, answer.getJsonObject("settings").getBoolean("requireInvite"));
    assertEquals(30, answer.getJsonObject("own").getInteger("retentionDays"));
    assertNull(answer.getJsonObject("own").getValue("maxUploadBytes"));
    assertEquals(JsonObject.of("requireInvite", true, "retentionDays", 30),
      new JsonObject(server.queryOne("SELECT settings::text FROM tenants WHERE slug = 'd'")));
    assertError(register(D_HOST, "after"), 403, "invite_required");

    assertEquals(200, patch(d, new JsonObject().put("requireInvite", null)).statusCode());
    assertEquals(201, register(D_HOST, "again").statusCode());
    assertEquals(JsonObject.of("retentionDays", 30), d.get("/api/tenant/settings").bodyAsJsonObject().getJsonObject("own")
      .stream().filter(entry -> entry.getValue() != null).collect(JsonObject::new, (json, entry) -> json.put(entry.getKey(), entry.getValue()), JsonObject::mergeIn));
  }

  @Test
  @DisplayName("deletes a tenant's messages past its retention as a deletion is, which a client syncing from its cursor sees; "
    + "newer ones and another tenant's old ones stay")
  void expiresMessagesPastRetention() {
    TestUser e = registered(E_HOST, "efirst");
    String eRoom = e.createRoom("talk");
    String aRoom = aMember.generalRoomId();
    JsonObject kept;
    try (BridgeClient es = e.connect(); BridgeClient as = aMember.connect()) {
      JsonObject old = es.request("chat.send", new JsonObject().put("roomId", eRoom).put("content", "old news")).getJsonObject("message");
      JsonObject fresh = es.request("chat.send", new JsonObject().put("roomId", eRoom).put("content", "fresh news")).getJsonObject("message");
      kept = as.request("chat.send", new JsonObject().put("roomId", aRoom).put("content", "kept")).getJsonObject("message");
      for (JsonObject message : List.of(old, kept)) {
        server.queryOne("UPDATE messages SET created_at = now() - interval '3 days' WHERE id = ? RETURNING id",
          Long.parseLong(message.getString("id")));
      }
      JsonObject swept = server.vertx.eventBus().<JsonObject>request(Addresses.MESSAGE_RETENTION_SWEEP, new JsonObject()).await().body();
      assertEquals(1, swept.getInteger("deleted"));

      JsonObject synced = es.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(eRoom, fresh.getLong("seq"))))
        .getJsonObject("rooms").getJsonObject(eRoom);
      assertEquals(1, synced.getJsonArray("messages").size(), synced.encode());
      JsonObject tombstone = synced.getJsonArray("messages").getJsonObject(0);
      assertEquals(old.getString("id"), tombstone.getString("id"));
      assertEquals(true, tombstone.getBoolean("deleted"));
      assertEquals("", tombstone.getString("content"));
    }
    assertEquals("fresh news", server.queryOne("SELECT content FROM messages WHERE content = 'fresh news'"));
    assertEquals("kept", server.queryOne("SELECT content FROM messages WHERE id = ? AND deleted_at IS NULL",
      Long.parseLong(kept.getString("id"))));
  }

  private static HttpResponse<Buffer> patch(TestUser user, JsonObject change) {
    return user.request(HttpMethod.PATCH, "/api/tenant/settings").sendJsonObject(change).await();
  }

  private static String preflight(String host, String origin) {
    HttpRequest<Buffer> request = server.http.request(HttpMethod.OPTIONS, "/api/rooms").putHeader("Origin", origin)
      .putHeader("Access-Control-Request-Method", "POST").putHeader("Access-Control-Request-Headers", "authorization");
    return (host == null ? request : request.virtualHost(host)).send().await().getHeader("Access-Control-Allow-Origin");
  }

  private static HttpResponse<Buffer> createRoom(TestUser user, String origin, String name) {
    return user.request(HttpMethod.POST, "/api/rooms").putHeader("Origin", origin)
      .sendJsonObject(new JsonObject().put("name", name)).await();
  }
}
