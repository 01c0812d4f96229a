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
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("State-changing REST calls made with the cookie")
class CookieOriginTest {

  private static TestServer server;
  private static TestUser admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
  }

  private HttpResponse<Buffer> createRoomWithCookie(String name, String origin, String contentType) {
    var request = server.http.post("/api/rooms").putHeader("Cookie", "parley_token=" + admin.token);
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return request.sendBuffer(Buffer.buffer(new JsonObject().put("name", name).encode())).await();
  }

  @Test
  @DisplayName("succeed with the app's own Origin and a JSON body")
  void sameOriginWorks() {
    assertEquals(201, createRoomWithCookie("same-origin", "http://localhost:" + server.port, "application/json").statusCode());
  }

  @Test
  @DisplayName("rejects a foreign Origin, a missing Origin, and a non-JSON content type")
  void rejectsCrossSite() {
    assertError(createRoomWithCookie("foreign", "https://evil.example", "application/json"), 403, "forbidden_origin");
    assertError(createRoomWithCookie("no-origin", null, "application/json"), 403, "forbidden_origin");
    assertError(createRoomWithCookie("form-post", "http://localhost:" + server.port, "text/plain"), 415, "unsupported_media_type");
    assertEquals("0", server.queryOne("SELECT count(*) FROM rooms WHERE name IN ('foreign', 'no-origin', 'form-post')"));
  }

  @Test
  @DisplayName("a bot with a Bearer token and no Origin is unaffected")
  void bearerWithoutOriginWorks() {
    assertEquals(201, admin.post("/api/rooms", new JsonObject().put("name", "bot-made")).statusCode());
  }

  @Test
  @DisplayName("with PUBLIC_URL set, only that origin is accepted")
  void publicUrlDecides() {
    // A second server needs its own Vertx: two on one would share service addresses.
    Vertx vertx = Vertx.vertx();
    try {
      publicUrlDecides(TestServer.start(vertx, new JsonObject().put("PUBLIC_URL", "https://chat.example.org/")));
    } finally {
      vertx.close().await();
    }
  }

  private void publicUrlDecides(TestServer configured) {
    TestUser owner = configured.register("owner");
    HttpResponse<Buffer> fromPublicUrl = configured.http.post("/api/rooms").putHeader("Cookie", "parley_token=" + owner.token)
      .putHeader("Origin", "https://chat.example.org").sendJsonObject(new JsonObject().put("name", "ok")).await();
    assertEquals(201, fromPublicUrl.statusCode(), fromPublicUrl.bodyAsString());
    HttpResponse<Buffer> fromHost = configured.http.post("/api/rooms").putHeader("Cookie", "parley_token=" + owner.token)
      .putHeader("Origin", "http://localhost:" + configured.port).sendJsonObject(new JsonObject().put("name", "no")).await();
    assertError(fromHost, 403, "forbidden_origin");
  }
}
