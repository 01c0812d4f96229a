package parley.platform;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("/api/platform: the platform's operators sign in apart from every tenant, and see counts, never content")
class PlatformApiTest {

  private static final String PASSWORD = "the operator's first password";
  private static final String JWT_SECRET = "the secret every Parley token is signed with, 32 bytes";

  private static TestServer server;
  private static TestUser member;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", PASSWORD).put("JWT_SECRET", JWT_SECRET));
    member = server.register("member");
    try (BridgeClient members = member.connect()) {
      members.request("chat.send", new JsonObject().put("roomId", member.generalRoomId()).put("content", "words only members read"));
    }
  }

  private static HttpResponse<Buffer> login(String username, String password) {
    return server.http.post("/api/platform/auth/login")
      .sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
  }

  private static String operatorToken() {
    return server.operatorToken(PASSWORD);
  }

  private static HttpResponse<Buffer> tenants(String bearer) {
    return server.http.get("/api/platform/tenants").bearerTokenAuthentication(bearer).send().await();
  }

  @Test
  @DisplayName("an operator signs in and sees every tenant with its people, rooms, messages this week and storage, and no message text")
  void seesTenants() {
    HttpResponse<Buffer> signedIn = login("admin", PASSWORD);
    assertEquals("admin", signedIn.bodyAsJsonObject().getJsonObject("operator").getString("username"));
    String cookie = signedIn.cookies().stream().filter(header -> header.startsWith("parley_platform=")).findFirst().orElse(null);
    assertNotNull(cookie);
    assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict"), cookie);

    HttpResponse<Buffer> listed = server.http.get("/api/platform/tenants")
      .putHeader("Cookie", cookie.split(";", 2)[0]).send().await();
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonObject byDefault = listed.bodyAsJsonObject().getJsonArray("tenants").getJsonObject(0);
    assertEquals("default", byDefault.getString("slug"));
    assertTrue(byDefault.getLong("people") >= 1 && byDefault.getLong("rooms") >= 1 && byDefault.getLong("messagesThisWeek") >= 1,
      byDefault.encode());
    assertFalse(listed.bodyAsString().contains("words only members read"), "a platform answer showed message text");
  }

  @Test
  @DisplayName("an operator drills into a tenant: its people with who is online now, its rooms with their counts, and no message text")
  void drillsIn() {
    String operator = operatorToken();
    TestUser idle = server.register("idle");
    try (BridgeClient members = member.connect()) {
      members.ping();
      HttpResponse<Buffer> people = server.http.get("/api/platform/tenants/1/people").bearerTokenAuthentication(operator).send().await();
      assertEquals(200, people.statusCode(), people.bodyAsString());
      JsonObject listed = people.bodyAsJsonObject();
      assertEquals(Boolean.TRUE, personOf(listed, member).getBoolean("online"));
      assertEquals(Boolean.FALSE, personOf(listed, idle).getBoolean("online"));
    }
    HttpResponse<Buffer> rooms = server.http.get("/api/platform/tenants/1/rooms").bearerTokenAuthentication(operator).send().await();
    assertEquals(200, rooms.statusCode(), rooms.bodyAsString());
    JsonObject general = rooms.bodyAsJsonObject().getJsonArray("rooms").stream().map(JsonObject.class::cast)
      .filter(room -> room.getString("name").equals("general")).findFirst().orElseThrow();
    assertTrue(general.getLong("members") >= 2 && general.getLong("messages") >= 1, general.encode());
    assertFalse(rooms.bodyAsString().contains("words only members read"), "a platform answer showed message text");
  }

  @Test
  @DisplayName("rejects a tenant's token on a tenant's people and rooms, and an unknown tenant")
  void rejectsDrillingWithoutBeingAnOperator() {
    assertError(server.http.get("/api/platform/tenants/1/people").bearerTokenAuthentication(member.token).send().await(), 401, "unauthenticated");
    assertError(server.http.get("/api/platform/tenants/1/rooms").bearerTokenAuthentication(member.token).send().await(), 401, "unauthenticated");
    assertError(server.http.get("/api/platform/tenants/999999/people").bearerTokenAuthentication(operatorToken()).send().await(),
      404, "tenant_not_found");
  }

  private static JsonObject personOf(JsonObject listed, TestUser user) {
    return listed.getJsonArray("people").stream().map(JsonObject.class::cast).filter(person -> person.getString("id").equals(user.id()))
      .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("rejects a wrong password and an unknown operator alike, and a tenant's token or cookie on the platform's routes")
  void rejectsOthers() {
    assertError(login("admin", "not the password"), 401, "invalid_credentials");
    assertError(login("nobody", PASSWORD), 401, "invalid_credentials");
    assertError(login(member.username(), TestUser.PASSWORD), 401, "invalid_credentials");
    assertError(tenants(member.token), 401, "unauthenticated");
    assertError(server.http.get("/api/platform/tenants").putHeader("Cookie", "parley_token=" + member.token).send().await(),
      401, "unauthenticated");
    assertError(server.http.get("/api/platform/tenants").send().await(), 401, "unauthenticated");
  }

  @Test
  @DisplayName("rejects a well-signed token without the platform's scope, even one naming a live platform session")
  void rejectsWithoutScope() {
    String operator = operatorToken();
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(operator.split("\\.")[1]), StandardCharsets.UTF_8));
    JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(JWT_SECRET)));
    String unscoped = signer.generateToken(new JsonObject().put("sub", claims.getString("sub")).put("jti", claims.getString("jti")),
      new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5));
    assertEquals(200, tenants(operator).statusCode());
    assertError(tenants(unscoped), 401, "unauthenticated");
  }

  @Test
  @DisplayName("rejects an operator's token everywhere a tenant's is asked for (the bridge admits it to platform addresses alone: OperatorBridgeTest)")
  void rejectsOperatorsAmongTenants() {
    String operator = operatorToken();
    assertError(server.http.get("/api/rooms").bearerTokenAuthentication(operator).send().await(), 401, "unauthenticated");
    assertError(server.http.get("/api/tenant/export").bearerTokenAuthentication(operator).send().await(), 401, "unauthenticated");
  }

  @Test
  @DisplayName("rejects a signed-out operator's token at once")
  void signsOut() {
    String operator = operatorToken();
    assertEquals(200, tenants(operator).statusCode());
    assertEquals(200, server.http.post("/api/platform/auth/logout").bearerTokenAuthentication(operator).send().await().statusCode());
    assertError(tenants(operator), 401, "unauthenticated");
  }
}
