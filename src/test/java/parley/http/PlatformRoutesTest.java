package parley.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.config.AppConfig;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

/**
 * Every route under /api/platform, as the HTTP verticle's own router lists them, so that a route added later is
 * covered here without a line of this test changing: each refuses anyone but a signed-in operator, and none but the
 * export (the documented exception, docs/tenancy.md) answers a message's text.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Every /api/platform route: for operators alone, and never a message's text")
class PlatformRoutesTest {

  private static final String PASSWORD = "the operator's first password";
  private static final String MESSAGE = "zebra-crossing-7731 only members read";
  private static final Set<String> SIGNING_IN = Set.of("POST " + PlatformApi.LOGIN, "POST /api/platform/auth/logout");

  private static TestServer server;
  private static TestUser member;
  private static String operator;
  private static List<String> routes;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD));
    member = server.register("member");
    try (BridgeClient members = member.connect()) {
      members.request("chat.send", new JsonObject().put("roomId", member.generalRoomId()).put("content", MESSAGE));
    }
    operator = server.http.post(PlatformApi.LOGIN).sendJsonObject(new JsonObject().put("username", "admin").put("password", PASSWORD))
      .await().bodyAsJsonObject().getString("token");
    routes = platformRoutes();
  }

  /** The router's own list, read from an HTTP verticle of its own (it needs no database to build its routes). */
  private static List<String> platformRoutes() {
    Vertx apart = Vertx.vertx();
    try {
      JsonObject settings = AppConfig.withOverrides(new JsonObject().put("PORT", 0).put("HOST", "127.0.0.1")
        .put("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none").put("JWT_SECRET", "a test secret that is long enough to sign")).toJson();
      HttpVerticle http = new HttpVerticle();
      apart.deployVerticle(http, new DeploymentOptions().setConfig(settings)).await();
      return http.apiRoutes().stream().filter(route -> route.contains(" /api/platform/") && !route.endsWith("/*")).toList();
    } finally {
      apart.close().await();
    }
  }

  /** A route's request on tenant 1, the default tenant, where the message is. */
  private static HttpRequest<Buffer> request(String route) {
    String[] methodAndPath = route.split(" ", 2);
    String path = methodAndPath[1].replace(":tenantId", "1");
    assertFalse(path.contains(":"), "a platform route with a parameter this test cannot fill yet: " + route);
    return server.http.request(HttpMethod.valueOf(methodAndPath[0]), path);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.sendJsonObject(new JsonObject()).await();
  }

  @Test
  @DisplayName("finds the platform's routes in the router")
  void findsThem() {
    assertTrue(routes.containsAll(List.of("GET /api/platform/tenants", "POST /api/platform/tenants", "PATCH /api/platform/tenants/:tenantId",
      "GET /api/platform/tenants/:tenantId/people", "GET " + PlatformApi.EXPORT)), routes.toString());
  }

  @Test
  @DisplayName("rejects a tenant's token, and no token, on every operator route")
  void rejectsAllButOperators() {
    for (String route : routes) {
      if (!SIGNING_IN.contains(route)) {
        assertError(send(request(route).bearerTokenAuthentication(member.token)), 401, "unauthenticated");
        if (route.startsWith("GET ")) {
          // A cookie's change without its site's Origin meets the origin guard first (403 forbidden_origin).
          assertError(send(request(route).putHeader("Cookie", "parley_token=" + member.token)), 401, "unauthenticated");
        }
        assertError(send(request(route)), 401, "unauthenticated");
      }
    }
  }

  @Test
  @DisplayName("answers no message text on any GET route but the export, which is the organisation's whole archive")
  void neverContent() {
    int read = 0;
    for (String route : routes) {
      if (route.startsWith("GET ") && !route.equals("GET " + PlatformApi.EXPORT)) {
        HttpResponse<Buffer> answer = request(route).bearerTokenAuthentication(operator).send().await();
        assertEquals(200, answer.statusCode(), route + ": " + answer.bodyAsString());
        assertFalse(answer.bodyAsString().contains("zebra-crossing"), route + " answered a message's text");
        read++;
      }
    }
    assertTrue(read >= 3, "only " + read + " GET routes read");
    HttpResponse<Buffer> archive = request("GET " + PlatformApi.EXPORT).bearerTokenAuthentication(operator).send().await();
    assertTrue(archive.bodyAsString().contains(MESSAGE), "the export is the one route with the text");
  }
}
