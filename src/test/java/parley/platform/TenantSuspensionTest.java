package parley.platform;

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

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("The platform suspends, resumes and deletes tenants")
class TenantSuspensionTest {

  private static final String PASSWORD = "the operator's first password";

  private static TestServer server;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD));
    operator = server.operatorToken(PASSWORD);
  }

  private static HttpResponse<Buffer> platform(String bearer, String method, String path) {
    return server.http.request(io.vertx.core.http.HttpMethod.valueOf(method), path).bearerTokenAuthentication(bearer).send().await();
  }

  private static JsonObject tenant(HttpResponse<Buffer> answer) {
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonObject("tenant");
  }

  @Test
  @DisplayName("suspending ends every session at once, on REST and the bridge, and refuses sign-ins and registrations; resuming lets them in again")
  void suspendsAndResumes() {
    TestUser ann = server.register("ann");
    try (BridgeClient anns = ann.connect()) {
      JsonObject suspended = tenant(platform(operator, "POST", "/api/platform/tenants/1/suspend"));
      assertNotNull(suspended.getString("suspendedAt"));

      assertEquals("4001 session_ended", anns.awaitClose(5_000));
      assertError(ann.get("/api/rooms"), 401, "unauthenticated");
      assertError(server.attemptLogin(ann, TestUser.PASSWORD), 403, "tenant_suspended");
      String people = server.queryOne("SELECT count(*) FROM users");
      assertError(server.http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", "latecomer")
        .put("password", TestUser.PASSWORD)).await(), 403, "tenant_suspended");
      assertEquals(people, server.queryOne("SELECT count(*) FROM users"), "an account was made in a suspended tenant");
      assertEquals("0", server.queryOne("SELECT count(*) FROM sessions WHERE tenant_id = 1"));
    } finally {
      JsonObject resumed = tenant(platform(operator, "POST", "/api/platform/tenants/1/resume"));
      assertNull(resumed.getString("suspendedAt"));
    }
    assertEquals(200, server.attemptLogin(ann, TestUser.PASSWORD).statusCode());
  }

  @Test
  @DisplayName("rejects a tenant's token, an unknown tenant, and deleting the default tenant")
  void rejectsMisuse() {
    TestUser bea = server.register("bea");
    server.setRole(bea, "superadmin");
    assertError(platform(bea.token, "POST", "/api/platform/tenants/1/suspend"), 401, "unauthenticated");
    assertError(platform(bea.token, "DELETE", "/api/platform/tenants/1"), 401, "unauthenticated");
    assertNull(server.queryOne("SELECT suspended_at FROM tenants WHERE id = 1"));
    assertEquals(200, bea.get("/api/rooms").statusCode());
    assertError(platform(operator, "POST", "/api/platform/tenants/999999/suspend"), 404, "tenant_not_found");
    assertError(platform(operator, "POST", "/api/platform/tenants/nope/resume"), 404, "tenant_not_found");
    assertError(platform(operator, "DELETE", "/api/platform/tenants/1"), 409, "default_tenant");
    assertNull(server.queryOne("SELECT delete_after FROM tenants WHERE id = 1"));
  }

  @Test
  @DisplayName("deleting suspends the tenant and schedules its removal after the grace period; resuming takes it back")
  void schedulesDeletion() {
    String elsewhere = server.strangerElsewhere("leaving").tenantId();
    JsonObject doomed = tenant(platform(operator, "DELETE", "/api/platform/tenants/" + elsewhere));
    assertNotNull(doomed.getString("suspendedAt"));
    Duration grace = Duration.between(Instant.now(), Instant.parse(doomed.getString("deleteAfter")));
    assertTrue(grace.toDays() >= 29 && grace.toDays() <= 30, grace.toString());
    JsonObject kept = tenant(platform(operator, "POST", "/api/platform/tenants/" + elsewhere + "/resume"));
    assertNull(kept.getString("deleteAfter"));
    assertNull(kept.getString("suspendedAt"));
  }
}
