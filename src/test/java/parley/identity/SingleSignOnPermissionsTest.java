package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.SsoBrowser;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Single sign-on's sessions carry what their ID token grants, as a provider's token does")
class SingleSignOnPermissionsTest {

  private static TestServer server;
  private static TestProvider provider;
  private static SsoBrowser sso;
  /** Signed in with a password: the superadmin, who makes the rooms. */
  private static TestUser root;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    server = TestServer.start(vertx, provider.settings("both").mergeIn(provider.ssoSettings())
      .put("AUTH_PERMISSIONS_CLAIM", "perms").put("AUTH_PERMISSION_MAP", "{\"565\": [\"delete_rooms\"]}")
      .put("AUTH_ROLES_CLAIM", "groups").put("AUTH_ROLE_MAP", "{\"chat-moderators\": \"moderator\"}"));
    sso = new SsoBrowser(vertx, server, provider);
    root = server.register("root");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  /** Someone signed in through the provider with these claims: their session's token, for Bearer use. */
  private static TestUser signedIn(String subject, Map<String, Object> claims) {
    String token = sso.session(sso.signIn(subject, claims));
    return new TestUser(server, sso.me(token), token);
  }

  @Test
  @DisplayName("the ID token's codes and roles decide, on REST and the bridge, while the stored role stays member")
  void idTokenGrants() {
    TestUser ada = signedIn("ada", Map.of("perms", List.of(565), "groups", List.of("chat-moderators")));
    JsonObject grant = ada.get("/api/users/me/permissions").bodyAsJsonObject();
    assertEquals("moderator", grant.getString("role"));
    assertTrue(grant.getJsonArray("permissions").contains("delete_rooms"), grant.encode());
    assertEquals("member", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.external_id = 'ada'"));

    String doomed = root.createRoom("doomed", ada);
    assertEquals(200, ada.delete("/api/rooms/" + doomed).statusCode());
    String planning = root.createRoom("planning", ada);
    try (BridgeClient adas = ada.connect()) {
      // set_room_topic: the moderator's, which the token gives and the stored member role lacks.
      adas.request("chat.send", new JsonObject().put("roomId", planning).put("content", "/topic Release on Friday"));
    }
    assertEquals("Release on Friday", server.queryOne("SELECT topic FROM rooms WHERE id = ?", Long.parseLong(planning)));
  }

  @Test
  @DisplayName("rejects what a later sign-in's ID token no longer grants, in the session it begins")
  void laterSignInWithLess() {
    signedIn("ben", Map.of("perms", List.of(565), "groups", List.of("chat-moderators")));
    TestUser ben = signedIn("ben", Map.of());
    JsonObject grant = ben.get("/api/users/me/permissions").bodyAsJsonObject();
    assertEquals("member", grant.getString("role"));
    assertFalse(grant.getJsonArray("permissions").contains("delete_rooms"), grant.encode());
    String kept = root.createRoom("kept", ben);
    assertError(ben.delete("/api/rooms/" + kept), 403, "forbidden");
    try (BridgeClient bens = ben.connect()) {
      assertEquals("forbidden", bens.requestFailure("chat.send", new JsonObject().put("roomId", kept).put("content", "/topic Mine now")).slug());
    }
  }
}
