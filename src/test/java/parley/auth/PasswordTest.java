package parley.auth;

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
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Passwords: changing one's own, and reset links from an admin")
class PasswordTest {

  private static TestServer server;
  private static TestUser root;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
  }

  private static String resetCode(TestUser admin, TestUser user) {
    HttpResponse<Buffer> issued = admin.post("/api/users/" + user.id() + "/password-reset", new JsonObject());
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    String path = issued.bodyAsJsonObject().getJsonObject("reset").getString("path");
    return path.substring(path.indexOf("reset=") + 6);
  }

  private static HttpResponse<Buffer> redeem(String code, String password) {
    return server.http.post("/api/auth/reset").sendJsonObject(new JsonObject().put("code", code).put("password", password)).await();
  }

  @Test
  @DisplayName("a password change needs the current one, and ends every other session but this one")
  void changePassword() {
    TestUser alice = server.register("alice");
    TestUser alicesPhone = server.login(alice);
    try (BridgeClient phone = alicesPhone.connect()) {
      phone.register("user." + alice.id());
      assertError(alice.post("/api/auth/password", new JsonObject().put("current", "wrong one").put("new", "a new password")),
        403, "wrong_password");
      assertError(alice.post("/api/auth/password", new JsonObject().put("current", TestUser.PASSWORD).put("new", "short")),
        400, "invalid_password");
      assertEquals(200, alicesPhone.get("/api/auth/me").statusCode());

      HttpResponse<Buffer> changed = alice.post("/api/auth/password",
        new JsonObject().put("current", TestUser.PASSWORD).put("new", "a new password"));
      assertEquals(200, changed.statusCode(), changed.bodyAsString());
      assertEquals(1, changed.bodyAsJsonObject().getInteger("endedSessions"));
      assertEquals(200, alice.get("/api/auth/me").statusCode());
      assertError(alicesPhone.get("/api/auth/me"), 401, "unauthenticated");
      assertEquals("4001 session_ended", phone.awaitClose(1000));
    }
    assertError(server.attemptLogin(alice, TestUser.PASSWORD), 401, "invalid_credentials");
    assertEquals(200, server.attemptLogin(alice, "a new password").statusCode());
  }

  @Test
  @DisplayName("an admin's reset link sets a new password once, within a day, and ends every session")
  void resetLink() {
    TestUser bob = server.register("bob");
    HttpResponse<Buffer> issued = root.post("/api/users/" + bob.id() + "/password-reset", new JsonObject());
    JsonObject reset = issued.bodyAsJsonObject().getJsonObject("reset");
    // Without PUBLIC_URL the server cannot know its own address: the web app makes the link from the path.
    assertFalse(reset.containsKey("url"), reset.encode());
    String code = reset.getString("path").substring("/?reset=".length());
    assertEquals("1", server.queryOne("SELECT count(*) FROM password_resets WHERE user_id = ? AND code_hash <> ?",
      Long.parseLong(bob.id()), code));

    JsonObject checked = server.http.get("/api/auth/reset/" + code).send().await().bodyAsJsonObject();
    assertEquals(new JsonObject().put("valid", true).put("username", bob.username()), checked);
    assertError(redeem(code, "short"), 400, "invalid_password");

    HttpResponse<Buffer> signedIn = redeem(code, "bobs new password");
    assertEquals(200, signedIn.statusCode(), signedIn.bodyAsString());
    assertEquals(bob.id(), signedIn.bodyAsJsonObject().getJsonObject("user").getString("id"));
    assertError(bob.get("/api/auth/me"), 401, "unauthenticated");
    assertEquals(200, server.attemptLogin(bob, "bobs new password").statusCode());

    assertError(redeem(code, "yet another password"), 403, "invalid_reset");
    assertFalse(server.http.get("/api/auth/reset/" + code).send().await().bodyAsJsonObject().getBoolean("valid"));
    assertError(redeem("made-up-code", "yet another password"), 403, "invalid_reset");
  }

  @Test
  @DisplayName("rejects a reset link that expired, or that a newer link replaced")
  void rejectsStaleLinks() {
    TestUser carol = server.register("carol");
    String first = resetCode(root, carol);
    String second = resetCode(root, carol);
    assertError(redeem(first, "carols new password"), 403, "invalid_reset");
    server.queryOne("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = ? RETURNING 1",
      Long.parseLong(carol.id()));
    assertError(redeem(second, "carols new password"), 403, "invalid_reset");
    assertEquals(200, server.attemptLogin(carol, TestUser.PASSWORD).statusCode());
  }

  @Test
  @DisplayName("rejects spending one link twice at the same moment")
  void rejectsDoubleRedemption() {
    TestUser dora = server.register("dora");
    String code = resetCode(root, dora);
    Future<HttpResponse<Buffer>> one = server.http.post("/api/auth/reset")
      .sendJsonObject(new JsonObject().put("code", code).put("password", "first password!"));
    Future<HttpResponse<Buffer>> two = server.http.post("/api/auth/reset")
      .sendJsonObject(new JsonObject().put("code", code).put("password", "second password"));
    Future.join(one, two).await();
    assertEquals(List.of(200, 403), List.of(one.result().statusCode(), two.result().statusCode()).stream().sorted().toList());
  }

  @Test
  @DisplayName("rejects a reset link asked for without manage_users, or for someone ranked above the asker")
  void rejectsResetWithoutPermission() {
    TestUser eve = server.register("eve");
    TestUser frank = server.register("frank");
    assertError(eve.post("/api/users/" + frank.id() + "/password-reset", new JsonObject()), 403, "forbidden");
    assertError(eve.post("/api/users/" + frank.id() + "/password-reset", new JsonObject().put("junk", List.of(1))), 403, "forbidden");
    assertEquals(201, root.post("/api/roles", new JsonObject().put("name", "Helpdesk").put("rank", 100)
      .put("permissions", new io.vertx.core.json.JsonArray().add("manage_users"))).statusCode());
    server.setRole(eve, "Helpdesk");
    assertError(eve.post("/api/users/" + root.id() + "/password-reset", new JsonObject()), 403, "rank_too_high");
    assertEquals("0", server.queryOne("SELECT count(*) FROM password_resets WHERE user_id IN (?, ?)",
      Long.parseLong(frank.id()), Long.parseLong(root.id())));
    assertEquals(201, eve.post("/api/users/" + frank.id() + "/password-reset", new JsonObject()).statusCode());
  }
}
