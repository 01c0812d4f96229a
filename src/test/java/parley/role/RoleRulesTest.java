package parley.role;

import io.vertx.core.Future;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Roles, ranks and live permission changes")
class RoleRulesTest {

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    general = root.generalRoomId();
  }

  private static String roleId(String name) {
    return root.get("/api/roles").bodyAsJsonObject().getJsonArray("roles").stream().map(JsonObject.class::cast)
      .filter(role -> role.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
  }

  private static HttpResponse<Buffer> createRole(TestUser actor, String name, int rank, String... permissions) {
    return actor.post("/api/roles", new JsonObject().put("name", name).put("rank", rank).put("permissions", new JsonArray(List.of(permissions))));
  }

  private static HttpResponse<Buffer> patch(TestUser actor, String path, JsonObject body) {
    return actor.request(io.vertx.core.http.HttpMethod.PATCH, path).sendJsonObject(body).await();
  }

  @Test
  @DisplayName("ships member, moderator and superadmin with their permissions, ranked in that order")
  void systemRoles() {
    JsonArray roles = root.get("/api/roles").bodyAsJsonObject().getJsonArray("roles");
    assertEquals(List.of("superadmin", "moderator", "member"),
      roles.stream().map(JsonObject.class::cast).filter(r -> r.getBoolean("system")).map(r -> r.getString("name")).toList());
    JsonObject moderator = roles.stream().map(JsonObject.class::cast).filter(r -> r.getString("name").equals("moderator")).findFirst().orElseThrow();
    assertTrue(moderator.getJsonArray("permissions").contains("kick_users"));
    assertTrue(!moderator.getJsonArray("permissions").contains("promote_users"));
  }

  @Test
  @DisplayName("rejects creating or editing a role at or above one's own rank, or granting a permission one lacks")
  void rejectsRankAndPermissionEscalation() {
    TestUser manager = server.register("manager");
    assertEquals(201, createRole(root, "Role Manager", 600, "manage_roles", "promote_users", "send_messages").statusCode());
    server.setRole(manager, "Role Manager");
    assertError(createRole(manager, "Peer", 600, "send_messages"), 403, "rank_too_high");
    assertError(createRole(manager, "Sneaky", 100, "delete_rooms"), 403, "forbidden");
    assertEquals(201, createRole(manager, "Helper", 100, "send_messages").statusCode());
    assertError(patch(manager, "/api/roles/" + roleId("superadmin"), new JsonObject().put("permissions", new JsonArray())), 403, "rank_too_high");
    assertError(patch(manager, "/api/roles/" + roleId("Helper"), new JsonObject().put("rank", 700)), 403, "rank_too_high");
    assertError(patch(manager, "/api/roles/" + roleId("Role Manager"), new JsonObject().put("name", "Boss")), 403, "rank_too_high");
    TestUser member = server.register("climber");
    assertError(patch(manager, "/api/users/" + member.id() + "/role", new JsonObject().put("roleId", roleId("superadmin"))), 403, "rank_too_high");
    assertError(patch(manager, "/api/users/" + root.id() + "/role", new JsonObject().put("roleId", roleId("member"))), 403, "rank_too_high");
  }

  @Test
  @DisplayName("rejects renaming or deleting a system role, and bad role input")
  void rejectsSystemRoleChanges() {
    assertError(patch(root, "/api/roles/" + roleId("member"), new JsonObject().put("name", "people")), 403, "system_role");
    assertError(root.delete("/api/roles/" + roleId("moderator")), 403, "system_role");
    assertError(createRole(root, "", 5), 400, "invalid_role_name");
    assertError(createRole(root, "Ok", 1000), 400, "invalid_rank");
    assertError(createRole(root, "Ok", 5, "fly"), 400, "invalid_permission");
    assertError(createRole(root, "MEMBER", 5), 409, "role_name_taken");
    HttpResponse<Buffer> memberPermissions = patch(root, "/api/roles/" + roleId("member"),
      new JsonObject().put("permissions", new JsonArray(List.of("send_messages", "browse_rooms", "join_rooms", "leave_rooms", "upload_files", "mention_users"))));
    assertEquals(200, memberPermissions.statusCode(), memberPermissions.bodyAsString());
  }

  @Test
  @DisplayName("editing a role tells the tenant, so clients holding it reload what they may do")
  void roleUpdateReachesTenant() {
    assertEquals(201, createRole(root, "Editors", 40, "send_messages").statusCode());
    TestUser editor = server.register("editor");
    try (BridgeClient client = editor.connect()) {
      client.register("tenant.1");
      assertEquals(200, patch(root, "/api/roles/" + roleId("Editors"),
        new JsonObject().put("permissions", new JsonArray(List.of("send_messages", "create_rooms")))).statusCode());
      JsonObject updated = client.next("tenant.1", "role.updated").getJsonObject("role");
      assertEquals("Editors", updated.getString("name"));
      assertTrue(updated.getJsonArray("permissions").contains("create_rooms"));
    }
  }

  @Test
  @DisplayName("deleting a custom role moves its people to member")
  void deletingRoleMovesUsersToMember() {
    assertEquals(201, createRole(root, "Temp", 50, "send_messages").statusCode());
    TestUser temp = server.register("temp");
    assertEquals(200, patch(root, "/api/users/" + temp.id() + "/role", new JsonObject().put("roleId", roleId("Temp"))).statusCode());
    HttpResponse<Buffer> deleted = root.delete("/api/roles/" + roleId("Temp"));
    assertEquals(1, deleted.bodyAsJsonObject().getInteger("movedToMember"));
    assertEquals("member", temp.get("/api/auth/me").bodyAsJsonObject().getJsonObject("user").getString("role"));
  }

  @Test
  @DisplayName("rejects demoting the last superadmin, even when two superadmins demote each other at once")
  void lastSuperadmin() {
    Vertx other = Vertx.vertx();
    try {
      TestServer fresh = TestServer.start(other);
      TestUser first = fresh.register("first");
      TestUser second = fresh.register("second");
      String superadminRole = first.get("/api/users/me/permissions").bodyAsJsonObject().getString("roleId");
      String memberRole = second.get("/api/users/me/permissions").bodyAsJsonObject().getString("roleId");
      assertError(patch(first, "/api/users/" + first.id() + "/role", new JsonObject().put("roleId", memberRole)), 403, "own_role");
      assertEquals(200, patch(first, "/api/users/" + second.id() + "/role", new JsonObject().put("roleId", superadminRole)).statusCode());
      Future<HttpResponse<Buffer>> a = first.request(io.vertx.core.http.HttpMethod.PATCH, "/api/users/" + second.id() + "/role")
        .sendJsonObject(new JsonObject().put("roleId", memberRole));
      Future<HttpResponse<Buffer>> b = second.request(io.vertx.core.http.HttpMethod.PATCH, "/api/users/" + first.id() + "/role")
        .sendJsonObject(new JsonObject().put("roleId", memberRole));
      Future.join(a, b).await();
      List<Integer> statuses = List.of(a.result().statusCode(), b.result().statusCode()).stream().sorted().toList();
      // The loser is refused as the last superadmin, or, if the winner's change landed first, as a member.
      assertEquals(200, statuses.get(0), statuses.toString());
      assertTrue(statuses.get(1) == 409 || statuses.get(1) == 403, statuses.toString());
      assertEquals("1", fresh.queryOne("SELECT count(*) FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'superadmin'"));
    } finally {
      other.close().await();
    }
  }

  @Test
  @DisplayName("a role change reaches an open bridge connection at once, and the rooms hear member.updated")
  void liveRoleChange() {
    assertEquals(201, createRole(root, "Muted", 5, "browse_rooms").statusCode());
    TestUser speaker = server.register("speaker");
    try (BridgeClient speakers = speaker.connect(); BridgeClient watcher = root.connect()) {
      watcher.register("room." + general);
      speakers.request("chat.send", new JsonObject().put("roomId", general).put("content", "before"));
      assertEquals(200, patch(root, "/api/users/" + speaker.id() + "/role", new JsonObject().put("roleId", roleId("Muted"))).statusCode());
      assertEquals(new BridgeClient.Failure(403, "forbidden"),
        speakers.requestFailure("chat.send", new JsonObject().put("roomId", general).put("content", "after")));
      JsonObject updated = watcher.next("room." + general, "member.updated");
      assertEquals(speaker.id(), updated.getJsonObject("user").getString("id"));
      assertEquals("Muted", updated.getJsonObject("user").getString("role"));
      assertEquals(200, patch(root, "/api/users/" + speaker.id() + "/role", new JsonObject().put("roleId", roleId("member"))).statusCode());
      speakers.request("chat.send", new JsonObject().put("roomId", general).put("content", "speaking again"));
    }
  }

  @Test
  @DisplayName("display names: anyone renames themself; renaming others needs change_display_names")
  void displayNames() {
    TestUser ann = server.register("ann");
    TestUser bea = server.register("bea");
    try (BridgeClient watcher = root.connect()) {
      watcher.register("room." + general);
      HttpResponse<Buffer> self = patch(ann, "/api/users/" + ann.id() + "/display-name", new JsonObject().put("displayName", "  Ann Smith "));
      assertEquals("Ann Smith", self.bodyAsJsonObject().getJsonObject("user").getString("displayName"));
      assertEquals("Ann Smith", watcher.next("room." + general, "member.updated").getJsonObject("user").getString("displayName"));
    }
    assertError(patch(ann, "/api/users/" + bea.id() + "/display-name", new JsonObject().put("displayName", "Not Bea")), 403, "forbidden");
    assertError(patch(ann, "/api/users/" + ann.id() + "/display-name", new JsonObject().put("displayName", "")), 400, "invalid_display_name");
    assertEquals(200, patch(root, "/api/users/" + bea.id() + "/display-name", new JsonObject().put("displayName", "Beatrice")).statusCode());
    assertError(patch(root, "/api/users/999999/display-name", new JsonObject().put("displayName", "Ghost")), 404, "user_not_found");
  }

  @Test
  @DisplayName("rejects changing one's own role, and granting a role that holds a permission the granter lacks")
  void rejectsSelfEscalation() {
    assertEquals(201, createRole(root, "Promoter", 400, "promote_users", "send_messages").statusCode());
    assertEquals(201, createRole(root, "Powerful", 400, "promote_users", "send_messages", "delete_rooms", "manage_roles").statusCode());
    assertEquals(201, createRole(root, "Assistant", 300, "send_messages").statusCode());
    TestUser pat = server.register("pat");
    TestUser quinn = server.register("quinn");
    server.setRole(pat, "Promoter");

    assertError(patch(pat, "/api/users/" + pat.id() + "/role", new JsonObject().put("roleId", roleId("Powerful"))), 403, "own_role");
    assertError(patch(pat, "/api/users/" + pat.id() + "/role", new JsonObject().put("roleId", roleId("member"))), 403, "own_role");
    assertError(patch(pat, "/api/users/" + quinn.id() + "/role", new JsonObject().put("roleId", roleId("Powerful"))), 403, "forbidden");
    assertError(patch(root, "/api/users/" + root.id() + "/role", new JsonObject().put("roleId", roleId("member"))), 403, "own_role");
    assertEquals("Promoter", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?", Long.parseLong(pat.id())));
    assertEquals("member", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?", Long.parseLong(quinn.id())));

    // Within what one holds, promoting others still works.
    assertEquals(200, patch(pat, "/api/users/" + quinn.id() + "/role", new JsonObject().put("roleId", roleId("Assistant"))).statusCode());
  }
}
