package parley.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Auth;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Pages that embed the widget (WIDGET_ALLOWED_ORIGINS)")
class WidgetOriginTest {

  private static final String HOST_PAGE = "https://portal.example.org";
  private static final String UNLISTED = "https://evil.example";

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("WIDGET_ALLOWED_ORIGINS", HOST_PAGE + ", http://localhost:3999"));
    alice = server.register("alice");
    bob = server.register("bob");
  }

  private HttpRequest<Buffer> from(String origin, HttpMethod method, String path) {
    return server.http.request(method, path).putHeader("Origin", origin);
  }

  private HttpResponse<Buffer> createRoom(HttpRequest<Buffer> request, String name) {
    return request.putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("name", name).encode())).await();
  }

  @Test
  @DisplayName("a listed page's token works on REST and on the bridge")
  void tokenFromListedPageWorks() {
    HttpResponse<Buffer> created = createRoom(from(HOST_PAGE, HttpMethod.POST, "/api/rooms").bearerTokenAuthentication(alice.token), "from-widget");
    assertEquals(201, created.statusCode(), created.bodyAsString());
    try (BridgeClient widget = BridgeClient.connect(server, Auth.query(alice.token), HOST_PAGE)) {
      widget.register("user." + alice.id());
      JsonObject sent = widget.request("chat.send", new JsonObject().put("roomId", alice.generalRoomId()).put("content", "hi from the widget"));
      assertEquals(alice.id(), sent.getJsonObject("message").getJsonObject("author").getString("id"));
    }
  }

  @Test
  @DisplayName("rejects a listed page that comes with the cookie, on REST and on the bridge")
  void rejectsCookieFromListedPage() {
    assertError(createRoom(from(HOST_PAGE, HttpMethod.POST, "/api/rooms").putHeader("Cookie", "parley_token=" + alice.token),
      "cookie-from-widget"), 403, "forbidden_origin");
    assertUpgradeStatus(403, BridgeClient.refusal(server, Auth.cookie(alice.token), HOST_PAGE));
    assertEquals("0", server.queryOne("SELECT count(*) FROM rooms WHERE name = 'cookie-from-widget'"));
  }

  @Test
  @DisplayName("rejects a page that is not listed, even with a token, on REST and on the bridge")
  void rejectsUnlistedPage() {
    assertError(createRoom(from(UNLISTED, HttpMethod.POST, "/api/rooms").bearerTokenAuthentication(alice.token), "unlisted"),
      403, "forbidden_origin");
    assertUpgradeStatus(403, BridgeClient.refusal(server, Auth.query(alice.token), UNLISTED));
    assertUpgradeStatus(403, BridgeClient.refusal(server, Auth.bearer(alice.token), UNLISTED));
    assertEquals("0", server.queryOne("SELECT count(*) FROM rooms WHERE name = 'unlisted'"));
  }

  @Test
  @DisplayName("rejects a listed page that comes with no token at all, say to post a password to the login")
  void rejectsListedPageWithoutToken() {
    HttpResponse<Buffer> login = from(HOST_PAGE, HttpMethod.POST, "/api/auth/login").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("username", alice.username()).put("password", TestUser.PASSWORD).encode())).await();
    assertError(login, 403, "forbidden_origin");
    assertUpgradeStatus(403, BridgeClient.refusal(server, Auth.none(), HOST_PAGE));
  }

  @Test
  @DisplayName("a token the page gives wins over the cookie the browser adds (a page of the same site as Parley)")
  void givenTokenWinsOverCookie() {
    Auth both = new Auth("Cookie", "parley_token=" + alice.token, bob.token);
    try (BridgeClient widget = BridgeClient.connect(server, both, HOST_PAGE)) {
      widget.register("user." + bob.id());
      assertEquals("rejected", widget.registerRefused("user." + alice.id()).getString("body"));
    }
  }

  @Test
  @DisplayName("CORS answers a listed page, preflight included, with the Authorization header allowed and no credentials")
  void corsForListedPage() {
    HttpResponse<Buffer> preflight = from(HOST_PAGE, HttpMethod.OPTIONS, "/api/rooms")
      .putHeader("Access-Control-Request-Method", "POST")
      .putHeader("Access-Control-Request-Headers", "authorization,content-type").send().await();
    assertEquals(204, preflight.statusCode());
    MultiMap headers = preflight.headers();
    assertEquals(HOST_PAGE, headers.get("Access-Control-Allow-Origin"));
    assertTrue(headers.get("Access-Control-Allow-Headers").contains("Authorization"), headers.get("Access-Control-Allow-Headers"));
    assertTrue(headers.get("Access-Control-Allow-Methods").contains("POST"), headers.get("Access-Control-Allow-Methods"));
    assertNull(headers.get("Access-Control-Allow-Credentials"));

    HttpResponse<Buffer> rooms = from(HOST_PAGE, HttpMethod.GET, "/api/rooms").bearerTokenAuthentication(alice.token).send().await();
    assertEquals(200, rooms.statusCode());
    assertEquals(HOST_PAGE, rooms.getHeader("Access-Control-Allow-Origin"));
    assertTrue(rooms.headers().getAll("Vary").stream().anyMatch(vary -> vary.contains("Origin")), rooms.headers().getAll("Vary").toString());
    assertNull(rooms.getHeader("Access-Control-Allow-Credentials"));
  }

  @Test
  @DisplayName("rejects CORS for a page that is not listed: no Access-Control-Allow-Origin, on the API, the files or a preflight")
  void rejectsCorsForUnlistedPage() {
    HttpResponse<Buffer> preflight = from(UNLISTED, HttpMethod.OPTIONS, "/api/rooms")
      .putHeader("Access-Control-Request-Method", "POST").putHeader("Access-Control-Request-Headers", "authorization").send().await();
    assertNull(preflight.getHeader("Access-Control-Allow-Origin"));
    HttpResponse<Buffer> rooms = from(UNLISTED, HttpMethod.GET, "/api/rooms").bearerTokenAuthentication(alice.token).send().await();
    assertNull(rooms.getHeader("Access-Control-Allow-Origin"));
    HttpResponse<Buffer> module = from(UNLISTED, HttpMethod.GET, "/widget/main.js").send().await();
    assertEquals(200, module.statusCode());
    assertNull(module.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  @DisplayName("rejects the bridge's own echo of the Origin with credentials: a listed page gets CORS without them")
  void rejectsBridgeCredentials() {
    HttpResponse<Buffer> info = from(HOST_PAGE, HttpMethod.GET, "/eventbus/info?token=" + alice.token).send().await();
    assertEquals(200, info.statusCode(), info.bodyAsString());
    assertEquals(HOST_PAGE, info.getHeader("Access-Control-Allow-Origin"));
    assertNotEquals("true", info.getHeader("Access-Control-Allow-Credentials"));
  }

  @Test
  @DisplayName("serves the widget so that a foreign page can load it: its script and stylesheet embeddable, its modules through CORS")
  void widgetFilesLoadCrossOrigin() {
    for (String path : new String[] {"/widget.js", "/widget/widget.css"}) {
      HttpResponse<Buffer> file = from(HOST_PAGE, HttpMethod.GET, path).send().await();
      assertEquals(200, file.statusCode(), path);
      assertEquals("cross-origin", file.getHeader("Cross-Origin-Resource-Policy"), path);
    }
    HttpResponse<Buffer> main = from(HOST_PAGE, HttpMethod.GET, "/widget/main.js").send().await();
    assertEquals(200, main.statusCode());
    assertEquals(HOST_PAGE, main.getHeader("Access-Control-Allow-Origin"));
    assertTrue(main.getHeader("Content-Type").contains("javascript"), main.getHeader("Content-Type"));

    HttpResponse<Buffer> eventBus = from(HOST_PAGE, HttpMethod.GET, WidgetFiles.EVENT_BUS_MODULE).send().await();
    assertEquals(200, eventBus.statusCode());
    assertEquals(HOST_PAGE, eventBus.getHeader("Access-Control-Allow-Origin"));
    assertTrue(eventBus.getHeader("Content-Type").startsWith("text/javascript"), eventBus.getHeader("Content-Type"));
    assertTrue(eventBus.bodyAsString().startsWith("// Served by Parley"), eventBus.bodyAsString().substring(0, 80));
    assertTrue(eventBus.bodyAsString().contains("export function eventBusWith(SockJS)"));
    String etag = eventBus.getHeader("ETag");
    assertEquals(304, server.http.get(WidgetFiles.EVENT_BUS_MODULE).putHeader("If-None-Match", etag).send().await().statusCode());
  }

  @Test
  @DisplayName("rejects every page's CORS and token-bearing Origin when WIDGET_ALLOWED_ORIGINS is empty (the default)")
  void rejectsEverythingByDefault() {
    // A second server needs its own Vertx: two on one would share service addresses.
    Vertx vertx = Vertx.vertx();
    try {
      TestServer plain = TestServer.start(vertx);
      TestUser carol = plain.register("carol");
      HttpResponse<Buffer> preflight = plain.http.request(HttpMethod.OPTIONS, "/api/rooms").putHeader("Origin", HOST_PAGE)
        .putHeader("Access-Control-Request-Method", "POST").send().await();
      assertNull(preflight.getHeader("Access-Control-Allow-Origin"));
      HttpResponse<Buffer> created = plain.http.post("/api/rooms").putHeader("Origin", HOST_PAGE).bearerTokenAuthentication(carol.token)
        .sendJsonObject(new JsonObject().put("name", "nowhere")).await();
      assertError(created, 403, "forbidden_origin");
      assertUpgradeStatus(403, BridgeClient.refusal(plain, Auth.query(carol.token), HOST_PAGE));
    } finally {
      vertx.close().await();
    }
  }

  private static void assertUpgradeStatus(int status, Throwable refusal) {
    UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refusal, String.valueOf(refusal));
    assertEquals(status, rejected.getStatus());
  }
}
