package parley.auth;

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

import static parley.testing.ApiAssertions.assertError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith(VertxExtension.class)
@DisplayName("Accounts over REST")
class AuthApiTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return server.http.post(path).sendJsonObject(body).await();
  }

  private static JsonObject credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password);
  }

  @Test
  @DisplayName("register answers a token and an HttpOnly SameSite=Lax cookie; login and me work with either")
  void registerLoginMe() {
    HttpResponse<Buffer> registered = post("/api/auth/register", credentials("carol", "password1"));
    assertEquals(201, registered.statusCode());
    String cookie = registered.cookies().get(0);
    assertTrue(cookie.startsWith("parley_token="), cookie);
    assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    assertFalse(cookie.contains("Secure"), "plain http gets no Secure flag: " + cookie);

    HttpResponse<Buffer> login = post("/api/auth/login", credentials("CAROL", "password1"));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String token = login.bodyAsJsonObject().getString("token");
    assertNotNull(token);

    HttpResponse<Buffer> byBearer = server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
    assertEquals("carol", byBearer.bodyAsJsonObject().getJsonObject("user").getString("username"));
    HttpResponse<Buffer> byCookie = server.http.get("/api/auth/me").putHeader("Cookie", "parley_token=" + token).send().await();
    assertEquals(200, byCookie.statusCode());
    assertEquals("carol", byCookie.bodyAsJsonObject().getJsonObject("user").getString("username"));
  }

  @Test
  @DisplayName("logout clears the cookie")
  void logoutClearsCookie() {
    TestUser dave = server.register("dave");
    HttpResponse<Buffer> logout = server.http.post("/api/auth/logout")
      .putHeader("Cookie", "parley_token=" + dave.token)
      .putHeader("Origin", server.url(""))
      .sendJsonObject(new JsonObject()).await();
    assertEquals(200, logout.statusCode(), logout.bodyAsString());
    String cleared = logout.cookies().get(0);
    assertTrue(cleared.startsWith("parley_token=;") && cleared.contains("Max-Age=0"), cleared);
  }

  @Test
  @DisplayName("rejects a wrong password and an unknown user with the same answer")
  void rejectsBadCredentials() {
    TestUser erin = server.register("erin");
    HttpResponse<Buffer> wrongPassword = post("/api/auth/login", credentials(erin.username(), "not the password"));
    HttpResponse<Buffer> unknownUser = post("/api/auth/login", credentials("nobody_here", "not the password"));
    assertEquals(401, wrongPassword.statusCode());
    assertEquals(401, unknownUser.statusCode());
    assertEquals(wrongPassword.bodyAsJsonObject(), unknownUser.bodyAsJsonObject());
    assertEquals("invalid_credentials", unknownUser.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("rejects bad registrations with a 400 naming the field")
  void rejectsBadRegistrations() {
    assertError(post("/api/auth/register", credentials("ab", "password1")), 400, "invalid_username");
    assertError(post("/api/auth/register", credentials("has space", "password1")), 400, "invalid_username");
    assertError(post("/api/auth/register", credentials("okname", "short")), 400, "invalid_password");
    assertError(post("/api/auth/register", new JsonObject().put("password", "password1")), 400, "invalid_username");
    assertError(post("/api/auth/register", credentials("okname", "password1").put("displayName", "\u0007")), 400, "invalid_display_name");
    HttpResponse<Buffer> notJson = server.http.post("/api/auth/register").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")).await();
    assertError(notJson, 400, "invalid_json");
    TestUser frank = server.register("frank");
    assertError(post("/api/auth/register", credentials(frank.username().toUpperCase(), "password1")), 409, "username_taken");
  }

  @Test
  @DisplayName("rejects API calls without a valid token")
  void rejectsMissingToken() {
    assertError(server.http.get("/api/auth/me").send().await(), 401, "unauthenticated");
    assertError(server.http.get("/api/rooms").bearerTokenAuthentication("not.a.token").send().await(), 401, "unauthenticated");
  }

  @Test
  @DisplayName("every response carries the security headers")
  void securityHeaders() {
    HttpResponse<Buffer> page = server.http.get("/").send().await();
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
    assertEquals("DENY", page.getHeader("X-Frame-Options"));
    assertNotNull(page.getHeader("Referrer-Policy"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
    HttpResponse<Buffer> api = server.http.get("/api/auth/me").send().await();
    assertEquals("nosniff", api.getHeader("X-Content-Type-Options"));
    assertNull(page.getHeader("Strict-Transport-Security"), "plain http gets no HSTS");
  }

  @Test
  @DisplayName("behind a trusted proxy that says https, every response carries Strict-Transport-Security")
  void strictTransportSecurity() {
    Vertx other = Vertx.vertx();
    try {
      TestServer proxied = TestServer.start(other, new JsonObject().put("TRUST_PROXY", true));
      HttpResponse<Buffer> viaHttps = proxied.http.get("/").putHeader("X-Forwarded-Proto", "https").send().await();
      assertEquals("max-age=31536000", viaHttps.getHeader("Strict-Transport-Security"));
      HttpResponse<Buffer> viaHttp = proxied.http.get("/").putHeader("X-Forwarded-Proto", "http").send().await();
      assertNull(viaHttp.getHeader("Strict-Transport-Security"));
    } finally {
      other.close().await();
    }
    HttpResponse<Buffer> untrusted = server.http.get("/").putHeader("X-Forwarded-Proto", "https").send().await();
    assertNull(untrusted.getHeader("Strict-Transport-Security"), "without TRUST_PROXY the header is the client's word");
  }
}
