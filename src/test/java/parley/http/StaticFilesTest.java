package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

  private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?:src|href)=\"(/[^\"?]+\\.(?:js|css))(\\?v=[^\"]+)?\"");
  private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

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
  @DisplayName("every script and style index.html loads exists and is cached for a year under the URL the page names; "
    + "the app's own files asked for without their version, or with an old one, revalidate")
  void namedFilesAreImmutable() {
    String index = get("/", null).bodyAsString();
    Matcher references = SCRIPT_OR_STYLE.matcher(index);
    int vendored = 0;
    int app = 0;
    while (references.find()) {
      String path = references.group(1);
      String named = path + (references.group(2) == null ? "" : references.group(2));
      HttpResponse<Buffer> response = get(named, null);
      assertEquals(200, response.statusCode(), named);
      assertEquals("public, max-age=31536000, immutable", response.getHeader("Cache-Control"), named);
      if (path.startsWith("/vendor/")) {
        vendored++;
        assertTrue(path.matches("/vendor/[a-z-]+-\\d+\\.\\d+\\.\\d+[/.].*"), "a version in the URL of " + path);
      } else {
        app++;
        assertNotNull(references.group(2), "a version in the URL of " + path);
        assertEquals("no-cache", get(path, null).getHeader("Cache-Control"), path);
        assertEquals("no-cache", get(path + "?v=0123456789abcdef", null).getHeader("Cache-Control"), path);
      }
    }
    assertEquals(2, vendored, "SockJS and the event-bus client");
    assertTrue(app > 40, "the app's modules and stylesheets: " + app);
  }

  @Test
  @DisplayName("the page's import map gives every module its versioned URL, and the page's policy allows that one inline script")
  void importMapIsAllowed() throws Exception {
    HttpResponse<Buffer> page = get("/", null);
    Matcher map = IMPORT_MAP.matcher(page.bodyAsString());
    assertTrue(map.find(), "an import map");
    JsonObject imports = new JsonObject(map.group(1)).getJsonObject("imports");
    Matcher preloads = Pattern.compile("<link rel=\"modulepreload\" href=\"(/js/[^\"?]+)(\\?v=[^\"]+)\">").matcher(page.bodyAsString());
    java.util.Set<String> preloaded = new java.util.HashSet<>();
    while (preloads.find()) {
      assertEquals(preloads.group(1) + preloads.group(2), imports.getString(preloads.group(1)), preloads.group(1));
      preloaded.add(preloads.group(1));
    }
    imports.fieldNames().stream().filter(module -> !module.equals("/js/app.js"))
      .forEach(module -> assertTrue(preloaded.contains(module), module + " is preloaded with the URL the map gives it"));
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
      .digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self' 'sha256-" + hash + "'"),
      page.getHeader("Content-Security-Policy"));
    assertFalse(get("/js/app.js", null).getHeader("Content-Security-Policy").contains("sha256"), "only the page has it");
  }

  @Test
  @DisplayName("index.html preloads every module of the app, and /platform every module of the platform console, so the browser fetches them all at once")
  void everyModuleIsPreloaded() throws IOException {
    String index = get("/", null).bodyAsString();
    String console = get("/platform", null).bodyAsString();
    Path webroot = Path.of("webroot");
    try (Stream<Path> files = Files.walk(webroot.resolve("js"))) {
      List<String> modules = files.filter(file -> file.toString().endsWith(".js"))
        .map(file -> "/" + webroot.relativize(file).toString().replace('\\', '/'))
        .filter(module -> !module.equals("/js/app.js"))
        .toList();
      assertFalse(modules.isEmpty());
      for (String module : modules) {
        String page = module.startsWith("/js/platform/") ? console : index;
        assertTrue(page.contains("<link rel=\"modulepreload\" href=\"" + module + "?v="), module + " is not preloaded");
      }
    }
  }

  @Test
  @DisplayName("the service worker and its script are served from the root as JavaScript and revalidated, so an update reaches browsers; the notification icon as a PNG")
  void serviceWorkerFiles() {
    for (String path : List.of("/sw.js", "/sw-notifications.js")) {
      HttpResponse<Buffer> response = get(path, null);
      assertEquals(200, response.statusCode(), path);
      assertTrue(response.getHeader("Content-Type").matches("(application|text)/javascript.*"), response.getHeader("Content-Type"));
      assertEquals("no-cache", response.getHeader("Cache-Control"), path);
      assertNotNull(response.getHeader("ETag"), path);
    }
    HttpResponse<Buffer> icon = get("/icons/parley-192.png", null);
    assertEquals(200, icon.statusCode());
    assertEquals("image/png", icon.getHeader("Content-Type"));
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

  @Test
  @DisplayName("the web app manifest is served as application/manifest+json, the policy allows it, the page links it, "
    + "and every icon it names is a PNG of the size it claims")
  void manifest() throws IOException {
    HttpResponse<Buffer> served = get("/manifest.webmanifest", null);
    assertEquals(200, served.statusCode());
    assertEquals("application/manifest+json", served.getHeader("Content-Type"));
    assertTrue(served.getHeader("Content-Security-Policy").contains("manifest-src 'self'"));
    JsonObject manifest = served.bodyAsJsonObject();
    assertEquals(List.of("/", "/", "standalone"), List.of(manifest.getString("start_url"), manifest.getString("scope"),
      manifest.getString("display")));
    assertEquals(Set.of("any", "maskable"), manifest.getJsonArray("icons").stream().map(JsonObject.class::cast)
      .map(icon -> icon.getString("purpose")).collect(Collectors.toSet()));
    for (Object entry : manifest.getJsonArray("icons")) {
      JsonObject icon = (JsonObject) entry;
      assertPng(icon.getString("src"), icon.getString("sizes"));
    }
    assertPng("/icons/apple-touch-icon.png", "180x180");

    String page = get("/", null).bodyAsString();
    assertTrue(page.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"), "the page links the manifest");
    assertTrue(page.contains("<link rel=\"apple-touch-icon\" href=\"/icons/apple-touch-icon.png\">"));
    assertTrue(page.contains("<meta name=\"theme-color\" content=\"" + manifest.getString("theme_color") + "\""),
      "the page's light theme colour is the manifest's");
  }

  private static void assertPng(String path, String sizes) throws IOException {
    HttpResponse<Buffer> icon = get(path, null);
    assertEquals(200, icon.statusCode(), path);
    assertEquals("image/png", icon.getHeader("Content-Type"), path);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(icon.body().getBytes()));
    assertEquals(sizes, image.getWidth() + "x" + image.getHeight(), path);
  }
}
