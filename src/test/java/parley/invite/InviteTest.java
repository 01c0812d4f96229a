package parley.invite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Invite-only sign-up")
class InviteTest {

  private static TestServer server;
  private static TestUser root;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("REQUIRE_INVITE", true).put("PUBLIC_URL", "https://chat.example.org"));
    assertEquals(201, register("root", null).statusCode());
    root = login("root");
  }

  private static HttpResponse<Buffer> register(String username, String code) {
    JsonObject body = new JsonObject().put("username", username).put("password", "long enough");
    if (code != null) {
      body.put("inviteCode", code);
    }
    return server.http.post("/api/auth/register").sendJsonObject(body).await();
  }

  private static TestUser login(String username) {
    HttpResponse<Buffer> login = server.http.post("/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", username).put("password", "long enough")).await();
    return new TestUser(server, login.bodyAsJsonObject().getJsonObject("user"), login.bodyAsJsonObject().getString("token"));
  }

  private static JsonObject invite(JsonObject options) {
    HttpResponse<Buffer> created = root.post("/api/invites", options);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getJsonObject("invite");
  }

  private static boolean valid(String code) {
    return server.http.get("/api/auth/invite/" + code).send().await().bodyAsJsonObject().getBoolean("valid");
  }

  @Test
  @DisplayName("the first account needs no invite; later ones need a valid code")
  void requiresInviteAfterFirstUser() {
    assertEquals("superadmin", root.user.getString("role"));
    assertError(register("uninvited", null), 403, "invite_required");
    assertError(register("guesser", "not-a-real-code"), 403, "invalid_invite");
    JsonObject invite = invite(new JsonObject().put("label", "new hires"));
    assertEquals(201, register("invited", invite.getString("code")).statusCode());
    assertEquals(1, root.get("/api/invites").bodyAsJsonObject().getJsonArray("invites").getJsonObject(0).getInteger("uses"));
  }

  @Test
  @DisplayName("codes carry at least 128 random bits and a shareable link that opens the register form")
  void codesAreUnguessable() {
    JsonObject invite = invite(new JsonObject());
    assertTrue(invite.getString("code").matches("[A-Za-z0-9_-]{32}"), invite.getString("code"));
    assertEquals("https://chat.example.org/?invite=" + invite.getString("code"), invite.getString("url"));
    assertTrue(valid(invite.getString("code")));
    JsonObject check = server.http.get("/api/auth/invite/" + invite.getString("code")).send().await().bodyAsJsonObject();
    assertEquals(new JsonObject().put("valid", true), check, "the public check says nothing about who made it");
  }

  @Test
  @DisplayName("two racing registrations cannot both take the last use")
  void lastUseRace() {
    String code = invite(new JsonObject().put("maxUses", 1)).getString("code");
    List<Future<HttpResponse<Buffer>>> racing = IntStream.range(0, 2)
      .mapToObj(i -> server.http.post("/api/auth/register").sendJsonObject(new JsonObject()
        .put("username", "racer" + i).put("password", "long enough").put("inviteCode", code)))
      .toList();
    Future.join(racing).await();
    List<Integer> statuses = racing.stream().map(f -> f.result().statusCode()).sorted().toList();
    assertEquals(List.of(201, 403), statuses);
    assertFalse(valid(code));
  }

  @Test
  @DisplayName("an expired or revoked invite no longer works")
  void expiredAndRevoked() {
    String expiring = invite(new JsonObject().put("expiresAt", OffsetDateTime.now().plusDays(1).toString())).getString("code");
    server.queryOne("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE code = ? RETURNING code", expiring);
    assertFalse(valid(expiring));
    assertError(register("too-late", expiring), 403, "invalid_invite");

    String revoked = invite(new JsonObject()).getString("code");
    assertEquals(200, root.delete("/api/invites/" + revoked).statusCode());
    assertFalse(valid(revoked));
    assertError(root.delete("/api/invites/" + revoked), 404, "invite_not_found");
  }

  @Test
  @DisplayName("rejects bad invite options, and invite management without manage_invites")
  void rejectsBadOptionsAndOutsiders() {
    assertError(root.post("/api/invites", new JsonObject().put("maxUses", 0)), 400, "invalid_invite_options");
    assertError(root.post("/api/invites", new JsonObject().put("expiresAt", "yesterday")), 400, "invalid_invite_options");
    assertError(root.post("/api/invites", new JsonObject().put("expiresAt", OffsetDateTime.now().minusDays(1).toString())), 400, "invalid_invite_options");
    String code = invite(new JsonObject()).getString("code");
    assertEquals(201, register("plain", code).statusCode());
    TestUser plain = login("plain");
    assertError(plain.get("/api/invites"), 403, "forbidden");
    assertError(plain.post("/api/invites", new JsonObject()), 403, "forbidden");
    assertError(plain.delete("/api/invites/" + code), 403, "forbidden");
  }
}
