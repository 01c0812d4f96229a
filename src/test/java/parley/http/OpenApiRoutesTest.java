package parley.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.config.AppConfig;

import io.vertx.core.json.JsonArray;
import parley.bus.ApiError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  @DisplayName("names every route in docs/protocol.md too, and docs/protocol.md no route it lacks")
  void protocolAgrees(Vertx vertx) throws IOException {
    Set<String> documented = OpenApiCheck.load(vertx).operationKeys().stream()
      .map(route -> route.replaceAll("\\{\\w+}", "{}")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> inProse = new TreeSet<>();
    Matcher named = Pattern.compile("`(GET|POST|PATCH|DELETE) (/api/(?:[^`?\\s<]|<[^>]*>)*)").matcher(Files.readString(Path.of("docs/protocol.md")));
    while (named.find()) {
      // Prose names a parameter in angle brackets, "<id>" or "<your id>".
      inProse.add(named.group(1) + " " + named.group(2).replaceAll("<[^>]+>", "{}"));
    }
    Set<String> notInProse = new TreeSet<>(documented);
    notInProse.removeAll(inProse);
    Set<String> notInDocument = new TreeSet<>(inProse);
    notInDocument.removeAll(documented);
    assertEquals(Set.of(), notInProse, "in docs/openapi.yaml but not named in docs/protocol.md");
    assertEquals(Set.of(), notInDocument, "named in docs/protocol.md but not in docs/openapi.yaml");
  }

  @Test
  @DisplayName("lists every error slug, and only those, in the Error schema")
  void everySlug(Vertx vertx) {
    JsonArray slugs = OpenApiCheck.load(vertx).contract().getRawContract().getJsonObject("components").getJsonObject("schemas")
      .getJsonObject("Error").getJsonObject("properties").getJsonObject("error").getJsonArray("enum");
    Set<String> vocabulary = Arrays.stream(ApiError.values()).map(error -> error.slug).collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed = slugs.stream().map(String.class::cast).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(vocabulary, listed);
  }

  @Test
  @DisplayName("sees the whole route table among the mounted routes")
  void tableIsMounted(Vertx vertx) {
    Set<String> mounted = mountedRoutes(vertx);
    ApiRoutes.ALL.forEach(route -> assertTrue(mounted.contains(route.key().replaceAll(":(\\w+)", "{$1}")), route.key()));
  }
}
