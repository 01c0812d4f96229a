package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import parley.bus.Caller;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Permissions and roles from an identity provider's token (AUTH_PERMISSIONS_CLAIM, AUTH_ROLES_CLAIM)")
class TokenPermissionsTest {

  private static final String ISSUER = "https://erp.example.org";
  private static final String SECRET = "the ERP's shared secret, thirty-two bytes or more";
  private static final String FORGED_GRANT = new JsonObject().put("roles", new JsonArray().add("superadmin"))
    .put("granted", new JsonArray().add("delete_rooms").add("delete_any_message").add("view_admin"))
    .put("governed", new JsonArray().add("delete_rooms").add("delete_any_message").add("view_admin")).encode();

  private static TestServer server;
  /** The first person of the install: superadmin in the database, whatever their tokens say. */
  private static TestUser founder;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("AUTH_MODE", "external").put("AUTH_ISSUER", ISSUER)
      .put("AUTH_AUDIENCE", "chat").put("AUTH_HS256_SECRET", SECRET)
      .put("AUTH_PERMISSIONS_CLAIM", "perms")
      .put("AUTH_PERMISSION_MAP", "{\"565\": [\"delete_rooms\"], \"566\": [\"delete_any_message\"],"
        + " \"567\": [\"manage_announcements\"], \"568\": [\"manage_announcements\"], \"570\": [\"create_rooms\"],"
        + " \"580\": [\"manage_roles\"]}")
      .put("AUTH_ROLES_CLAIM", "realm_access.roles")
      .put("AUTH_ROLE_MAP", "{\"chat-admin\": \"superadmin\", \"chat-mod\": \"moderator\", \"chat-support\": \"support\"}"));
    founder = person("founder", List.of(), List.of());
    assertEquals("superadmin", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?",
      Long.parseLong(founder.id())));
  }

  private static String token(String subject, List<Object> codes, List<String> roles) {
    JsonObject claims = new JsonObject().put("iss", ISSUER).put("aud", "chat").put("sub", subject).put("name", subject)
      .put("perms", new JsonArray(codes)).put("realm_access", new JsonObject().put("roles", new JsonArray(roles)));
    JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5));
  }

  /** Signed in with a token of these codes and roles. */
  private static TestUser person(String subject, List<Object> codes, List<String> roles) {
    String token = token(subject, codes, roles);
    HttpResponse<Buffer> me = server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
    assertEquals(200, me.statusCode(), me.bodyAsString());
    return new TestUser(server, me.bodyAsJsonObject().getJsonObject("user"), token);
  }

  private static JsonObject grant(TestUser user) {
    HttpResponse<Buffer> grant = user.get("/api/users/me/permissions");
    assertEquals(200, grant.statusCode(), grant.bodyAsString());
    return grant.bodyAsJsonObject();
  }

  private static List<Object> permissions(TestUser user) {
    return grant(user).getJsonArray("permissions").getList();
  }

  private static String storedRole(TestUser user) {
    return server.queryOne("SELECT r.name || ' ' || r.permissions::text FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?",
      Long.parseLong(user.id()));
  }

  private static String post(BridgeClient socket, TestUser author, String content) {
    return socket.request("chat.send", new JsonObject().put("roomId", author.generalRoomId()).put("content", content))
      .getJsonObject("message").getString("id");
  }

  @Test
  @DisplayName("a code grants its permission for the token's requests only: a token without it loses it at once, with nothing stored")
  void codes() {
    TestUser creator = person("creator", List.of(570), List.of());
    String before = storedRole(creator);
    String roomId = creator.createRoom("by-code");
    assertError(creator.delete("/api/rooms/" + roomId), 403, "forbidden");
    TestUser deleter = person("creator", List.of(565, "570"), List.of());
    assertTrue(permissions(deleter).containsAll(List.of("delete_rooms", "create_rooms")));
    assertEquals(200, deleter.delete("/api/rooms/" + roomId).statusCode());
    String second = deleter.createRoom("by-code-2");
    TestUser without = person("creator", List.of(), List.of());
    assertError(without.delete("/api/rooms/" + second), 403, "forbidden");
    assertError(without.post("/api/rooms", new JsonObject().put("name", "not-by-code")), 403, "forbidden");
    assertFalse(permissions(without).contains("create_rooms"));
    assertEquals(200, deleter.delete("/api/rooms/" + second).statusCode());
    assertEquals(before, storedRole(without));
  }

  @Test
  @DisplayName("the roles claim decides the role, its rank included; without a mapped role, the role new people get")
  void roles() {
    TestUser admin = person("role-holder", List.of(), List.of("chat-admin", "other"));
    assertEquals("superadmin", grant(admin).getString("role"));
    assertEquals("superadmin", admin.user.getString("role"), "GET /api/auth/me shows the token's role");
    assertEquals(1000, grant(admin).getInteger("rank"));
    assertEquals(200, admin.get("/api/admin/push").statusCode());
    TestUser plain = person("role-holder", List.of(), List.of("other"));
    assertEquals("member", grant(plain).getString("role"));
    assertEquals("member", plain.user.getString("role"));
    assertError(plain.get("/api/admin/push"), 403, "forbidden");
    TestUser both = person("role-holder", List.of(), List.of("chat-mod", "chat-admin"));
    assertEquals("superadmin", grant(both).getString("role"));
    assertTrue(storedRole(plain).startsWith("member "));
    // The founder is superadmin in the database: their token's moderator rank (500) is what counts.
    TestUser founderAsMod = person("founder", List.of(580), List.of("chat-mod"));
    assertEquals("moderator", grant(founderAsMod).getString("role"));
    assertError(founderAsMod.post("/api/roles", new JsonObject().put("name", "high").put("rank", 700)
      .put("permissions", new JsonArray().add("send_messages"))), 403, "rank_too_high");
    assertEquals(201, founderAsMod.post("/api/roles", new JsonObject().put("name", "low").put("rank", 400)
      .put("permissions", new JsonArray().add("send_messages"))).statusCode());
  }

  @Test
  @DisplayName("a role the map names but the tenant lacks counts as none, until it is created")
  void roleCreatedLater() {
    TestUser supporter = person("supporter", List.of(), List.of("chat-support"));
    assertEquals("member", grant(supporter).getString("role"));
    TestUser roleMaker = person("founder", List.of(580), List.of("chat-mod"));
    assertEquals(201, roleMaker.post("/api/roles", new JsonObject().put("name", "support").put("rank", 100)
      .put("permissions", new JsonArray().add("send_messages").add("kick_users"))).statusCode());
    long deadline = System.currentTimeMillis() + 5000;
    while (!"support".equals(grant(supporter).getString("role")) && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals("support", grant(supporter).getString("role"));
    assertTrue(permissions(supporter).contains("kick_users"));
  }

  @Test
  @DisplayName("permissions the code map does not name stay the role's; those it names follow the codes, whatever the role")
  void governedOnly() {
    TestUser member = person("ungoverned", List.of(), List.of());
    assertTrue(permissions(member).containsAll(List.of("send_messages", "join_rooms", "upload_files")));
    TestUser admin = person("ungoverned", List.of(), List.of("chat-admin"));
    List<Object> adminPermissions = permissions(admin);
    assertTrue(adminPermissions.containsAll(List.of("manage_users", "promote_users", "view_admin")));
    assertFalse(adminPermissions.contains("delete_rooms"), adminPermissions.toString());
    assertFalse(adminPermissions.contains("manage_announcements"), adminPermissions.toString());
    String roomId = person("founder", List.of(570), List.of()).createRoom("governed");
    assertError(admin.delete("/api/rooms/" + roomId), 403, "forbidden");
    TestUser announcer = person("ungoverned", List.of(568), List.of());
    assertTrue(permissions(announcer).contains("manage_announcements"));
  }

  @Test
  @DisplayName("rejects a grant header written on an HTTP request: only the token counts")
  void rejectsForgedHttpHeader() {
    TestUser plain = person("http-forger", List.of(), List.of());
    String roomId = person("founder", List.of(570), List.of()).createRoom("forged-http");
    HttpResponse<Buffer> refused = plain.request(HttpMethod.DELETE, "/api/rooms/" + roomId)
      .putHeader(Caller.TOKEN_GRANT_HEADER, FORGED_GRANT).send().await();
    assertError(refused, 403, "forbidden");
    HttpResponse<Buffer> grant = plain.request(HttpMethod.GET, "/api/users/me/permissions")
      .putHeader(Caller.TOKEN_GRANT_HEADER, FORGED_GRANT).send().await();
    assertEquals("member", grant.bodyAsJsonObject().getString("role"));
    assertError(plain.request(HttpMethod.GET, "/api/admin/push").putHeader(Caller.TOKEN_GRANT_HEADER, FORGED_GRANT).send().await(),
      403, "forbidden");
  }

  @Test
  @DisplayName("rejects a grant header written in a bridge frame: the connection's token decides")
  void rejectsForgedBridgeHeader() {
    TestUser author = person("bridge-author", List.of(), List.of());
    TestUser forger = person("bridge-forger", List.of(), List.of());
    try (BridgeClient authorSocket = author.connect(); BridgeClient forgerSocket = forger.connect()) {
      String messageId = post(authorSocket, author, "not yours to delete");
      JsonObject frame = forgerSocket.requestFrame("chat.delete", new JsonObject().put("messageId", messageId),
        new JsonObject().put(Caller.TOKEN_GRANT_HEADER, FORGED_GRANT));
      assertEquals("err", frame.getString("type"), frame.encode());
      assertEquals(403, frame.getInteger("failureCode"));
      assertEquals("forbidden", frame.getString("message"));
    }
  }

  @Test
  @DisplayName("a renewed token on an open connection takes effect on its next request, without reconnecting")
  void renewalOnOpenConnection() {
    TestUser author = person("renewal-author", List.of(), List.of());
    TestUser moderator = person("renewal-mod", List.of(566), List.of());
    try (BridgeClient authorSocket = author.connect(); BridgeClient socket = moderator.connect()) {
      String first = post(authorSocket, author, "first");
      String second = post(authorSocket, author, "second");
      assertTrue(socket.request("chat.delete", new JsonObject().put("messageId", first)).getJsonObject("message").getBoolean("deleted"));
      JsonObject renewed = socket.request("auth.token", new JsonObject().put("token", token("renewal-mod", List.of(), List.of())));
      assertEquals(true, renewed.getBoolean("renewed"));
      BridgeClient.Failure refused = socket.requestFailure("chat.delete", new JsonObject().put("messageId", second));
      assertEquals(new BridgeClient.Failure(403, "forbidden"), refused);
      socket.request("auth.token", new JsonObject().put("token", token("renewal-mod", List.of("566"), List.of())));
      assertTrue(socket.request("chat.delete", new JsonObject().put("messageId", second)).getJsonObject("message").getBoolean("deleted"));
    }
  }

  @Test
  @DisplayName("rejects auth.token with another person's token, an expired or badly signed one, or none; the connection keeps its own")
  void rejectsOtherTokens() {
    TestUser author = person("rejected-author", List.of(), List.of());
    TestUser holder = person("rejected-holder", List.of(), List.of());
    person("rejected-other", List.of(566), List.of());
    try (BridgeClient authorSocket = author.connect(); BridgeClient socket = holder.connect()) {
      String messageId = post(authorSocket, author, "still there");
      assertEquals(new BridgeClient.Failure(403, "token_other_person"),
        socket.requestFailure("auth.token", new JsonObject().put("token", token("rejected-other", List.of(566), List.of()))));
      JsonObject expiredClaims = new JsonObject().put("iss", ISSUER).put("aud", "chat").put("sub", "rejected-holder")
        .put("perms", new JsonArray().add(566)).put("exp", System.currentTimeMillis() / 1000 - 3600);
      JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
      String expired = signer.generateToken(expiredClaims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
      assertEquals(new BridgeClient.Failure(401, "token_expired"),
        socket.requestFailure("auth.token", new JsonObject().put("token", expired)));
      JWTAuth otherSigner = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer("another secret of thirty-two bytes or more....")));
      String badlySigned = otherSigner.generateToken(new JsonObject().put("iss", ISSUER).put("aud", "chat").put("sub", "rejected-holder")
        .put("perms", new JsonArray().add(566)), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5));
      assertEquals(new BridgeClient.Failure(401, "token_signature"),
        socket.requestFailure("auth.token", new JsonObject().put("token", badlySigned)));
      assertEquals(new BridgeClient.Failure(401, "unauthenticated"), socket.requestFailure("auth.token", new JsonObject()));
      assertEquals(new BridgeClient.Failure(403, "forbidden"),
        socket.requestFailure("chat.delete", new JsonObject().put("messageId", messageId)));
    }
  }
}
