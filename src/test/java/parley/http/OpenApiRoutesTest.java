package parley.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.config.AppConfig;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.yaml describes exactly the REST routes the server mounts: the route table ({@link ApiRoutes#ALL}) and
 * the routes outside it (signing in, files, the document itself), read from the HTTP verticle's own router.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("docs/openapi.yaml and the routes")
class OpenApiRoutesTest {

  /** An HTTP verticle alone: its router is built at start, and nothing here needs the database or the services. */
  private static Set<String> mountedRoutes(Vertx vertx) {
    JsonObject settings = AppConfig.withOverrides(new JsonObject()
      .put("PORT", 0).put("HOST", "127.0.0.1")
      .put("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
      .put("JWT_SECRET", "a test secret that is long enough to sign")).toJson();
    HttpVerticle http = new HttpVerticle();
    vertx.deployVerticle(http, new DeploymentOptions().setConfig(settings)).await();
    return http.apiRoutes().stream().map(route -> route.replaceAll(":(\\w+)", "{$1}")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  @DisplayName("documents every mounted route, and no route that is not mounted")
  void sameRoutes(Vertx vertx) {
    Set<String> mounted = mountedRoutes(vertx);
    Set<String> documented = OpenApiCheck.load(vertx).operationKeys();
    Set<String> undocumented = new TreeSet<>(mounted);
    undocumented.removeAll(documented);
    Set<String> notMounted = new TreeSet<>(documented);
    notMounted.removeAll(mounted);
    assertEquals(Set.of(), undocumented, "mounted but not in docs/openapi.yaml");
    assertEquals(Set.of(), notMounted, "in docs/openapi.yaml but not mounted");
  }

  @Test
  @DisplayName("sees the whole route table among the mounted routes")
  void tableIsMounted(Vertx vertx) {
    Set<String> mounted = mountedRoutes(vertx);
    ApiRoutes.ALL.forEach(route -> assertTrue(mounted.contains(route.key().replaceAll(":(\\w+)", "{$1}")), route.key()));
  }
}
