package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /api/tenant/export: the organisation's data as JSON lines")
class TenantExportTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    server.setRole(admin, "superadmin");
    bob = server.register("bob");
  }

  private static List<JsonObject> lines(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return Arrays.stream(response.bodyAsString().split("\n")).map(JsonObject::new).toList();
  }

  private static List<JsonObject> ofType(List<JsonObject> lines, String type) {
    return lines.stream().filter(line -> type.equals(line.getString("type"))).toList();
  }

  private static JsonObject withId(List<JsonObject> lines, String type, String id) {
    return ofType(lines, type).stream().filter(line -> id.equals(line.getString("id"))).findFirst()
      .orElseThrow(() -> new AssertionError("no " + type + " " + id));
  }

  @Test
  @DisplayName("holds people, rooms, memberships, messages in their latest state, reactions, polls, announcements and files, and ends with its line count")
  void exportsEverything() {
    String room = admin.createRoom("exported", bob);
    Buffer bytes = Uploads.randomBytes(600 * 1024, 7);
    String fileId = Uploads.uploaded(bob, "plans.bin", bytes).getString("id");
    String edited;
    String pollId;
    try (BridgeClient bobs = bob.connect(); BridgeClient admins = admin.connect()) {
      edited = bobs.request("chat.send", new JsonObject().put("roomId", room).put("content", "first draft")
        .put("attachments", new JsonArray().add(fileId))).getJsonObject("message").getString("id");
      bobs.request("chat.edit", new JsonObject().put("messageId", edited).put("content", "final words"));
      admins.request("chat.react", new JsonObject().put("messageId", edited).put("emoji", "👍"));
      pollId = admins.request("chat.send", new JsonObject().put("roomId", room).put("poll", new JsonObject()
        .put("question", "Lunch?").put("options", new JsonArray().add("Pizza").add("Salad")))).getJsonObject("message").getString("id");
      bobs.request("poll.vote", new JsonObject().put("messageId", pollId).put("optionIds", new JsonArray().add(2)));
    }
    String announcement = admin.post("/api/announcements", new JsonObject().put("title", "Move").put("body", "We move on Friday.")
      .put("audience", new JsonObject().put("userIds", new JsonArray().add(bob.id())))).bodyAsJsonObject()
      .getJsonObject("announcement").getString("id");

    List<JsonObject> lines = lines(admin.get("/api/tenant/export"));

    assertEquals("archive", lines.get(0).getString("type"));
    JsonObject end = lines.get(lines.size() - 1);
    assertEquals(new JsonObject().put("type", "end").put("lines", lines.size()), end);
    assertEquals("default", ofType(lines, "tenant").get(0).getString("slug"));
    assertEquals("bob", withId(lines, "person", bob.id()).getString("username").replaceAll("_\\d+$", ""));
    assertEquals("superadmin", withId(lines, "person", admin.id()).getString("role"));
    assertEquals("exported", withId(lines, "room", room).getString("name"));
    assertTrue(ofType(lines, "member").stream().anyMatch(member -> room.equals(member.getString("roomId"))
      && bob.id().equals(member.getString("userId"))));
    JsonObject message = withId(lines, "message", edited);
    assertEquals("final words", message.getString("content"));
    assertTrue(message.getString("editedAt").endsWith("Z"), message.encode());
    assertEquals(new JsonArray().add(admin.id()), new JsonArray(message.getJsonObject("reactions").getJsonArray("👍").stream()
      .map(String::valueOf).toList()));
    assertEquals("Lunch?", withId(lines, "message", pollId).getJsonObject("poll").getString("question"));
    assertTrue(ofType(lines, "vote").contains(new JsonObject().put("type", "vote").put("messageId", pollId)
      .put("userId", bob.id()).put("optionId", 2)));
    assertEquals("We move on Friday.", withId(lines, "announcement", announcement).getString("body"));
    assertTrue(ofType(lines, "recipient").stream().anyMatch(recipient -> announcement.equals(recipient.getString("announcementId"))));
    assertEquals(edited, withId(lines, "file", fileId).getString("messageId"));
    Buffer restored = Buffer.buffer();
    ofType(lines, "fileData").stream().filter(piece -> fileId.equals(piece.getString("fileId"))).forEach(piece -> {
      assertEquals(restored.length(), piece.getLong("offset"));
      restored.appendBytes(Base64.getDecoder().decode(piece.getString("base64")));
    });
    assertArrayEquals(bytes.getBytes(), restored.getBytes());
  }

  @Test
  @DisplayName("rejects showing password hashes, or anything of another tenant")
  void rejectsSecretsAndOtherTenants() {
    TestServer.Stranger stranger = server.strangerElsewhere("elsewhere");
    long tenant = Long.parseLong(stranger.tenantId());
    String hiddenRoom = server.queryOne("INSERT INTO rooms (tenant_id, name) VALUES (?, 'hidden-elsewhere') RETURNING id", tenant);
    server.queryOne("INSERT INTO messages (tenant_id, room_id, seq, change_seq, author_id, content) "
      + "VALUES (?, ?, 1, 1, ?, 'a secret of elsewhere') RETURNING id", tenant, Long.parseLong(hiddenRoom), Long.parseLong(stranger.userId()));
    String hash = server.queryOne("SELECT password_hash FROM users WHERE id = ?", Long.parseLong(bob.id()));

    String archive = admin.get("/api/tenant/export").bodyAsString();

    assertFalse(archive.contains(hash), "a password hash left in the archive");
    assertFalse(archive.toLowerCase().contains("password"), "a password field left in the archive");
    assertFalse(archive.contains("a secret of elsewhere"));
    assertFalse(archive.contains("hidden-elsewhere"));
    assertFalse(archive.contains("\"stranger\""));
    assertFalse(archive.contains("elsewhere"));
  }

  @Test
  @DisplayName("rejects anyone without export_tenant, before any export is recorded, and from the list of exports; each export is listed with who took it")
  void rejectsWithoutPermission() {
    assertError(bob.get("/api/tenant/export"), 403, "forbidden");
    assertEquals("0", server.queryOne("SELECT count(*) FROM tenant_exports WHERE started_by = ?", Long.parseLong(bob.id())));

    HttpResponse<Buffer> archive = admin.get("/api/tenant/export");
    int lines = lines(archive).size();
    JsonObject recorded = admin.get("/api/tenant/exports").bodyAsJsonObject().getJsonArray("exports").getJsonObject(0);
    assertEquals(admin.id(), recorded.getJsonObject("startedBy").getString("id"));
    assertEquals("complete", recorded.getString("outcome"));
    assertEquals(lines, recorded.getLong("lines"));
    assertEquals(archive.body().length(), recorded.getLong("bytes"));
    assertError(bob.get("/api/tenant/exports"), 403, "forbidden");
  }

  @Test
  @DisplayName("an archive whose reader goes away is recorded as failed, and lacks its end line")
  void cutShort() throws Exception {
    Uploads.uploaded(admin, "large.bin", Uploads.randomBytes(12 * 1024 * 1024, 11));
    String before = server.queryOne("SELECT coalesce(max(id), 0) FROM tenant_exports");
    HttpClient client = server.vertx.createHttpClient();
    HttpClientResponse response = client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(server.url("/api/tenant/export")).putHeader("Authorization", "Bearer " + admin.token))
      .compose(request -> request.send()).await();
    assertEquals(200, response.statusCode());
    // Nothing is read: the server fills what the connection holds and waits; then the reader goes.
    response.pause();
    Thread.sleep(500);
    client.close().await();
    long deadline = System.currentTimeMillis() + 10_000;
    String outcome;
    do {
      Thread.sleep(100);
      outcome = server.queryOne("SELECT outcome FROM tenant_exports WHERE id > ? ORDER BY id LIMIT 1", Long.parseLong(before));
    } while (!"failed".equals(outcome) && System.currentTimeMillis() < deadline);
    assertEquals("failed", outcome);
  }
}
