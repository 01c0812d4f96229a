package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The web app's files")
class StaticFilesTest {

  private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"");

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  private static HttpResponse<Buffer> get(String path, String ifNoneMatch) {
    var request = server.http.get(path);
    if (ifNoneMatch != null) {
      request.putHeader("If-None-Match", ifNoneMatch);
    }
    return request.send().await();
  }

  @Test
  @DisplayName("app files must be revalidated, and a reload with a current ETag gets an empty 304")
  void appFilesRevalidate() {
    for (String path : List.of("/", "/index.html", "/js/app.js", "/css/theme.css")) {
      HttpResponse<Buffer> first = get(path, null);
      assertEquals(200, first.statusCode(), path);
      assertEquals("no-cache", first.getHeader("Cache-Control"), path);
      String etag = first.getHeader("ETag");
      assertNotNull(etag, path);

      HttpResponse<Buffer> again = get(path, etag);
      assertEquals(304, again.statusCode(), path);
      assertEquals(etag, again.getHeader("ETag"), path);
      assertNull(again.body(), path);

      HttpResponse<Buffer> stale = get(path, "W/\"something-older\", \"another\"");
      assertEquals(200, stale.statusCode(), path);
      assertTrue(stale.bodyAsString().length() > 100, path);
    }
    assertNotEquals(get("/js/app.js", null).getHeader("ETag"), get("/js/chat.js", null).getHeader("ETag"));
    assertEquals(get("/", null).getHeader("ETag"), get("/index.html", null).getHeader("ETag"));
  }

  @Test
  @DisplayName("every script and style index.html loads exists; vendored ones are cached for a year, the app's own revalidate")
  void vendoredFilesAreImmutable() {
    String index = get("/", null).bodyAsString();
    Matcher references = SCRIPT_OR_STYLE.matcher(index);
    int vendored = 0;
    while (references.find()) {
      String path = references.group(1);
      HttpResponse<Buffer> response = get(path, null);
      assertEquals(200, response.statusCode(), path);
      if (path.startsWith("/vendor/")) {
        vendored++;
        assertTrue(path.matches("/vendor/[a-z-]+-\\d+\\.\\d+\\.\\d+[/.].*"), "a version in the URL of " + path);
        assertEquals("public, max-age=31536000, immutable", response.getHeader("Cache-Control"), path);
      } else {
        assertEquals("no-cache", response.getHeader("Cache-Control"), path);
      }
    }
    assertEquals(2, vendored, "SockJS and the event-bus client");
  }

  @Test
  @DisplayName("index.html preloads every module of the app, so the browser fetches them all at once")
  void everyModuleIsPreloaded() throws IOException {
    String index = get("/", null).bodyAsString();
    Path webroot = Path.of("webroot");
    try (Stream<Path> files = Files.walk(webroot.resolve("js"))) {
      List<String> modules = files.filter(file -> file.toString().endsWith(".js"))
        .map(file -> "/" + webroot.relativize(file).toString().replace('\\', '/'))
        .filter(module -> !module.equals("/js/app.js"))
        .toList();
      assertFalse(modules.isEmpty());
      for (String module : modules) {
        assertTrue(index.contains("<link rel=\"modulepreload\" href=\"" + module + "\">"), module + " is not preloaded");
      }
    }
  }

  @Test
  @DisplayName("a missing file is a 404 that nobody caches for long")
  void missingFilesAreNotCached() {
    for (String path : List.of("/vendor/sockjs-1.6.1/nope.js", "/vendor/nope-1.0.0.js", "/js/nope.js")) {
      HttpResponse<Buffer> response = get(path, null);
      assertEquals(404, response.statusCode(), path);
      assertEquals("no-cache", response.getHeader("Cache-Control"), path);
      assertNull(response.getHeader("ETag"), path);
    }
  }

  @Test
  @DisplayName("the API is not cached and carries no ETag")
  void apiIsUntouched() {
    HttpResponse<Buffer> response = get("/api/auth/me", null);
    assertEquals(401, response.statusCode());
    assertNull(response.getHeader("ETag"));
    assertFalse(String.valueOf(response.getHeader("Cache-Control")).contains("max-age"));
  }
}
