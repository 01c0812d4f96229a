package parley.name;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Names from before skeletons were stored")
class SkeletonBackfillTest {

  @Test
  @DisplayName("get their skeletons when the server starts, display names cleaned, and new look-alikes of them are refused")
  void backfilled(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    TestUser root = server.register("root");
    // As rows written before changeset 015 are: no skeletons, and a display name nobody cleaned.
    server.queryOne("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
      + "SELECT 1, 'olduser', '\u202Egnip\u200B Old', 'x', id FROM roles WHERE tenant_id = 1 AND name = 'member' RETURNING id");
    server.queryOne("INSERT INTO rooms (tenant_id, name) VALUES (1, 'archive') RETURNING id");
    server.queryOne("UPDATE rooms SET name_skeletons = NULL WHERE name = 'general' RETURNING id");

    server.restart();

    assertEquals("gnip Old", server.queryOne("SELECT display_name FROM users WHERE username = 'olduser'"));
    assertEquals("{olduser,\"gnip old\"}", server.queryOne("SELECT name_skeletons FROM users WHERE username = 'olduser'"));
    assertEquals("{archive}", server.queryOne("SELECT name_skeletons FROM rooms WHERE name = 'archive'"));
    assertEquals("0", server.queryOne("SELECT count(*) FROM users WHERE name_skeletons IS NULL"));
    assertError(root.post("/api/rooms", new JsonObject().put("name", "\u0430rchive")), 409, "name_confusable");
    assertError(root.post("/api/rooms", new JsonObject().put("name", "g\u0435neral")), 409, "name_confusable");
    assertError(server.http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", "olduser2")
      .put("password", "correct horse battery").put("displayName", "GNIP OLD")).await(), 409, "name_confusable");
  }
}
