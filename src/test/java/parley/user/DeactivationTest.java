package parley.user;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Deactivating and reactivating people")
class DeactivationTest {

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    general = root.generalRoomId();
  }

  private static List<String> directoryAsSeenBy(TestUser viewer) {
    return viewer.get("/api/users").bodyAsJsonObject().getJsonArray("users").stream().map(JsonObject.class::cast)
      .map(user -> user.getString("id")).toList();
  }

  @Test
  @DisplayName("a deactivated account is signed out everywhere at once, cannot sign in, and leaves the directory and new conversations")
  void deactivate() {
    TestUser leaver = server.register("leaver");
    TestUser colleague = server.register("colleague");
    TestUser leaversPhone = server.login(leaver);
    String room = root.createRoom("projects", leaver, colleague);
    try (BridgeClient socket = leaversPhone.connect()) {
      socket.register("user." + leaver.id());
      String said = socket.request("chat.send", new JsonObject().put("roomId", room).put("content", "my last words"))
        .getJsonObject("message").getString("id");

      HttpResponse<Buffer> deactivated = root.post("/api/users/" + leaver.id() + "/deactivate", new JsonObject());
      assertEquals(200, deactivated.statusCode(), deactivated.bodyAsString());
      assertTrue(deactivated.bodyAsJsonObject().getJsonObject("user").getBoolean("deactivated"));
      assertEquals("4001 session_ended", socket.awaitClose(1000));
      assertError(leaver.get("/api/auth/me"), 401, "unauthenticated");
      assertError(leaversPhone.get("/api/rooms"), 401, "unauthenticated");
      assertError(server.attemptLogin(leaver, TestUser.PASSWORD), 403, "account_deactivated");
      assertError(server.attemptLogin(leaver, "not the password"), 401, "invalid_credentials");

      assertFalse(directoryAsSeenBy(colleague).contains(leaver.id()));
      assertTrue(directoryAsSeenBy(root).contains(leaver.id()));
      assertError(colleague.post("/api/dms", new JsonObject().put("userId", leaver.id())), 404, "user_not_found");
      assertError(colleague.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(leaver.id()).add(root.id()))),
        404, "user_not_found");
      assertError(colleague.post("/api/rooms/" + room + "/members", new JsonObject().put("userId", leaver.id())), 404, "user_not_found");
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE id = ?", Long.parseLong(said)));
    }

    HttpResponse<Buffer> back = root.post("/api/users/" + leaver.id() + "/reactivate", new JsonObject());
    assertEquals(200, back.statusCode(), back.bodyAsString());
    assertFalse(back.bodyAsJsonObject().getJsonObject("user").getBoolean("deactivated"));
    assertEquals(200, server.attemptLogin(leaver, TestUser.PASSWORD).statusCode());
    assertTrue(directoryAsSeenBy(colleague).contains(leaver.id()));
    assertEquals(200, colleague.post("/api/dms", new JsonObject().put("userId", leaver.id())).statusCode());
  }

  @Test
  @DisplayName("rejects deactivation without manage_users, of oneself, and of someone ranked above")
  void rejectsDeactivation() {
    TestUser member = server.register("member");
    TestUser target = server.register("target");
    assertError(member.post("/api/users/" + target.id() + "/deactivate", new JsonObject()), 403, "forbidden");
    assertError(member.post("/api/users/" + target.id() + "/deactivate", new JsonObject().put("x", new JsonArray())), 403, "forbidden");
    assertError(root.post("/api/users/" + root.id() + "/deactivate", new JsonObject()), 409, "deactivate_self");
    assertEquals(201, root.post("/api/roles", new JsonObject().put("name", "People desk").put("rank", 200)
      .put("permissions", new JsonArray().add("manage_users"))).statusCode());
    server.setRole(member, "People desk");
    assertError(member.post("/api/users/" + root.id() + "/deactivate", new JsonObject()), 403, "rank_too_high");
    assertError(member.post("/api/users/999999/deactivate", new JsonObject()), 404, "user_not_found");
    assertEquals("0", server.queryOne("SELECT count(*) FROM users WHERE deactivated_at IS NOT NULL AND id IN (?, ?)",
      Long.parseLong(root.id()), Long.parseLong(target.id())));
    assertEquals(200, member.post("/api/users/" + target.id() + "/deactivate", new JsonObject()).statusCode());
    assertError(member.post("/api/users/" + target.id() + "/password-reset", new JsonObject()), 404, "user_not_found");
  }

  @Test
  @DisplayName("rejects deactivating the last active superadmin, even when two superadmins deactivate each other")
  void rejectsLastSuperadmin() {
    Vertx other = Vertx.vertx();
    try {
      TestServer fresh = TestServer.start(other);
      TestUser first = fresh.register("first");
      TestUser second = fresh.register("second");
      fresh.setRole(second, "superadmin");
      var a = first.request(io.vertx.core.http.HttpMethod.POST, "/api/users/" + second.id() + "/deactivate").sendJsonObject(new JsonObject());
      var b = second.request(io.vertx.core.http.HttpMethod.POST, "/api/users/" + first.id() + "/deactivate").sendJsonObject(new JsonObject());
      io.vertx.core.Future.join(a, b).await();
      List<Integer> statuses = List.of(a.result().statusCode(), b.result().statusCode()).stream().sorted().toList();
      // The loser is refused as the last superadmin, or, once the winner's change ended its session, as signed out.
      assertEquals(200, statuses.get(0), statuses.toString());
      assertTrue(statuses.get(1) == 409 || statuses.get(1) == 401, statuses.toString());
      assertEquals("1", fresh.queryOne("SELECT count(*) FROM users u JOIN roles r ON r.id = u.role_id "
        + "WHERE r.name = 'superadmin' AND u.deactivated_at IS NULL"));
    } finally {
      other.close().await();
    }
  }
}
