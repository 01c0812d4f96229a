package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.http.OpenApiCheck;
import parley.service.Sha256;
import parley.testing.BridgeClient;
import parley.testing.TestProvider;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("The identity provider's admin calls (/api/idp), by its service client")
class ProviderAdminTest {

  private static final String JWT_SECRET = "a local secret of at least thirty-two characters";
  private static final String SCOPE = "parley.admin";
  private static final String API_KEY = "the provider's API key, long and random in real life";

  private static TestProvider provider;
  private static TestServer server;
  private static TestUser root;
  private static String service;

  @BeforeAll
  static void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    // A short presence time to live: the sweep that ends vacations past their end runs every 2 seconds.
    server = TestServer.start(vertx, provider.settings("both").put("JWT_SECRET", JWT_SECRET).put("PRESENCE_TTL_SECONDS", 6)
      .put("AUTH_ADMIN_SCOPE", SCOPE).put("IDP_API_KEY_SHA256", Sha256.hex(API_KEY)));
    root = server.register("root");
    service = provider.clientCredentialsToken("erp-service", "openid " + SCOPE);
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static String newSubject() {
    return UUID.randomUUID().toString();
  }

  private static HttpRequest<Buffer> call(TestServer on, String subject, String action) {
    return on.http.post("/api/idp/users/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action);
  }

  private static HttpResponse<Buffer> call(String subject, String action, String credential) {
    return call(server, subject, action).bearerTokenAuthentication(credential).send().await();
  }

  private static HttpResponse<Buffer> me(String token) {
    return server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  private static String signIn(String subject) {
    String token = provider.token(subject, Map.of("preferred_username", "pat", "name", "Pat Provided"));
    assertEquals(200, me(token).statusCode());
    return token;
  }

  private static String usersOf(String subject) {
    return server.queryOne("SELECT count(*) FROM users WHERE external_id = ?", subject);
  }

  @Test
  @DisplayName("deactivates as an admin does: the person's socket closes, their token stops working, the directory hides them; twice is fine")
  void deactivates() {
    String subject = newSubject();
    String token = signIn(subject);
    String userId = me(token).bodyAsJsonObject().getJsonObject("user").getString("id");
    TestUser person = new TestUser(server, me(token).bodyAsJsonObject().getJsonObject("user"), token);
    TestUser bystander = server.register("bystander" + subject.substring(0, 6));
    try (BridgeClient socket = person.connect()) {
      socket.register("user." + userId);
      HttpResponse<Buffer> done = call(subject, "deactivate", service);
      assertEquals(200, done.statusCode(), done.bodyAsString());
      assertEquals(new JsonObject().put("externalId", subject).put("userId", userId).put("deactivated", true), done.bodyAsJsonObject());
      assertEquals("4001 session_ended", socket.awaitClose(2000));
    }
    assertError(me(token), 401, "unauthenticated");
    assertError(me(provider.token(subject, Map.of())), 403, "account_deactivated");
    assertFalse(bystander.get("/api/users").bodyAsJsonObject().getJsonArray("users").stream()
      .anyMatch(user -> userId.equals(((JsonObject) user).getString("id"))));
    assertEquals(200, call(subject, "deactivate", service).statusCode());

    HttpResponse<Buffer> back = call(subject, "reactivate", API_KEY);
    assertEquals(200, back.statusCode(), back.bodyAsString());
    assertEquals(false, back.bodyAsJsonObject().getBoolean("deactivated"));
    assertEquals(200, call(subject, "reactivate", API_KEY).statusCode());
    assertEquals(userId, me(provider.token(subject, Map.of())).bodyAsJsonObject().getJsonObject("user").getString("id"));
    assertEquals("1", usersOf(subject));
  }

  @Test
  @DisplayName("deactivates someone who has not signed in yet: their first token is refused, and they stay one user")
  void deactivatesFutureUser() {
    String subject = newSubject();
    HttpResponse<Buffer> done = call(subject, "deactivate", service);
    assertEquals(200, done.statusCode(), done.bodyAsString());
    assertNotNull(done.bodyAsJsonObject().getString("userId"));
    assertError(me(provider.token(subject, Map.of("name", "Not Yet"))), 403, "account_deactivated");
    assertEquals("1", usersOf(subject));
    assertEquals("member", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.external_id = ?", subject));

    assertEquals(200, call(subject, "reactivate", service).statusCode());
    JsonObject user = me(provider.token(subject, Map.of("name", "Now Here"))).bodyAsJsonObject().getJsonObject("user");
    assertEquals(done.bodyAsJsonObject().getString("userId"), user.getString("id"));
    assertEquals("Now Here", user.getString("displayName"));
    assertEquals("1", usersOf(subject));
  }

  @Test
  @DisplayName("racing deactivations of a new subject, and its first token, make exactly one user, deactivated")
  void racingDeactivations() {
    String subject = newSubject();
    List<Future<HttpResponse<Buffer>>> calls = IntStream.range(0, 4)
      .mapToObj(i -> call(server, subject, "deactivate").bearerTokenAuthentication(service).send()).toList();
    Future<HttpResponse<Buffer>> first = server.http.get("/api/auth/me").bearerTokenAuthentication(provider.token(subject, Map.of())).send();
    Future.join(calls).await();
    first.await();
    calls.forEach(each -> assertEquals(200, each.result().statusCode(), each.result().bodyAsString()));
    assertEquals("1", usersOf(subject));
    assertEquals("t", server.queryOne("SELECT deactivated_at IS NOT NULL FROM users WHERE external_id = ?", subject));
    assertError(me(provider.token(subject, Map.of())), 403, "account_deactivated");
  }

  @Test
  @DisplayName("reactivating someone who never signed in changes nothing and makes nobody")
  void reactivatesNobody() {
    String subject = newSubject();
    HttpResponse<Buffer> done = call(subject, "reactivate", service);
    assertEquals(200, done.statusCode(), done.bodyAsString());
    assertNull(done.bodyAsJsonObject().getString("userId"));
    assertEquals("0", usersOf(subject));
  }

  @Test
  @DisplayName("rejects a call without a credential")
  void rejectsNoCredential() {
    String subject = signInNew();
    assertError(call(server, subject, "deactivate").send().await(), 401, "idp_credential");
    assertActive(subject);
  }

  @Test
  @DisplayName("rejects Parley's own token, a superadmin's included, as header and as cookie")
  void rejectsParleysToken() {
    String subject = signInNew();
    assertError(call(subject, "deactivate", root.token), 401, "token_signature");
    assertError(call(server, subject, "deactivate").putHeader("Cookie", "parley_token=" + root.token)
      .putHeader("Origin", server.url("")).putHeader("Content-Type", "application/json").sendJsonObject(new JsonObject()).await(),
      401, "token_signature");
    assertActive(subject);
  }

  @Test
  @DisplayName("rejects a person's token from the provider: it lacks the admin scope")
  void rejectsUsersToken() {
    String subject = signInNew();
    assertError(call(subject, "deactivate", provider.token(newSubject(), Map.of())), 403, "idp_scope");
    assertError(call(subject, "deactivate", provider.token(subject, Map.of())), 403, "idp_scope");
    assertActive(subject);
  }

  @Test
  @DisplayName("rejects a service token with other scopes, in scope or scp")
  void rejectsWrongScope() {
    String subject = signInNew();
    assertError(call(subject, "deactivate", provider.clientCredentialsToken("other-service", "openid parley.read")), 403, "idp_scope");
    assertError(call(subject, "deactivate", provider.token("other-service", Map.of("scp", List.of("parley.read")))), 403, "idp_scope");
    assertError(call(subject, "deactivate", provider.token("other-service", Map.of("scope", "parley.administrator"))), 403, "idp_scope");
    assertActive(subject);
    assertEquals(200, call(subject, "reactivate", provider.token("erp-service", Map.of("scp", List.of(SCOPE)))).statusCode());
  }

  @Test
  @DisplayName("rejects a wrong API key, and a service token of another issuer or expired")
  void rejectsWrongKey() {
    String subject = signInNew();
    assertError(call(subject, "deactivate", API_KEY + "x"), 401, "idp_credential");
    assertError(call(subject, "deactivate", "not the key"), 401, "idp_credential");
    assertError(call(subject, "deactivate", provider.token(TestProvider.ISSUER_ID, "erp-service", TestProvider.AUDIENCE,
      Map.of("scope", SCOPE), -600)), 401, "token_expired");
    assertError(call(subject, "deactivate", provider.token(TestProvider.ISSUER_ID, "erp-service", "someone-else",
      Map.of("scope", SCOPE), 600)), 401, "token_audience");
    assertActive(subject);
  }

  @Test
  @DisplayName("rejects a bad externalId, but only after the credential: blank or longer than 255")
  void rejectsBadExternalId() {
    assertError(call("  ", "deactivate", service), 400, "invalid_external_id");
    assertError(call("x".repeat(256), "deactivate", service), 400, "invalid_external_id");
    assertError(call(server, "  ", "deactivate").send().await(), 401, "idp_credential");
  }

  @Test
  @DisplayName("rejects every call with AUTH_MODE=local: there is no provider, so nothing is there (404), the API key neither")
  void rejectsWhenLocal() {
    Vertx other = Vertx.vertx();
    try {
      TestServer local = TestServer.start(other, new JsonObject().put("AUTH_ISSUER", provider.issuer())
        .put("AUTH_AUDIENCE", TestProvider.AUDIENCE).put("AUTH_JWKS_URL", provider.jwksUrl()).put("AUTH_ADMIN_SCOPE", SCOPE)
        .put("IDP_API_KEY_SHA256", Sha256.hex(API_KEY)));
      assertError(call(local, "someone", "deactivate").bearerTokenAuthentication(service).send().await(), 404, "not_found");
      assertError(call(local, "someone", "reactivate").bearerTokenAuthentication(API_KEY).send().await(), 404, "not_found");
      assertError(call(local, "someone", "deactivate").send().await(), 404, "not_found");
      assertError(call(local, "someone", "vacation").bearerTokenAuthentication(API_KEY).sendJsonObject(new JsonObject()).await(), 404, "not_found");
      assertError(local.http.delete("/api/idp/users/someone/vacation").bearerTokenAuthentication(API_KEY).send().await(), 404, "not_found");
      assertNull(local.queryOne("SELECT id FROM users WHERE external_id = ?", "someone"));
    } finally {
      other.close().await();
    }
  }

  @Test
  @DisplayName("answers as docs/openapi.yaml says, done or refused")
  void answersAsDocumented(Vertx vertx) {
    OpenApiCheck check = OpenApiCheck.load(vertx);
    String subject = signInNew();
    List<HttpResponse<Buffer>> answers = List.of(call(subject, "deactivate", service), call(subject, "reactivate", API_KEY),
      call(newSubject(), "reactivate", service), call(subject, "deactivate", provider.token(subject, Map.of())),
      call(subject, "deactivate", "wrong key"), call("x".repeat(256), "reactivate", service));
    List<HttpResponse<Buffer>> vacations = List.of(vacation(subject, new JsonObject().put("text", "Off")
        .put("until", "2099-01-01T00:00:00Z"), service), vacation(subject, new JsonObject().put("until", "soon"), service),
      endVacation(subject, service), endVacation(newSubject(), API_KEY));
    List<String> problems = new ArrayList<>();
    String[] paths = {subject + "/deactivate", subject + "/reactivate", "nobody/reactivate", subject + "/deactivate",
      subject + "/deactivate", "x/reactivate", subject + "/vacation", subject + "/vacation", subject + "/vacation", "x/vacation"};
    List<HttpResponse<Buffer>> all = new ArrayList<>(answers);
    all.addAll(vacations);
    for (int i = 0; i < all.size(); i++) {
      HttpMethod method = i >= answers.size() + 2 ? HttpMethod.DELETE : HttpMethod.POST;
      OpenApiCheck.Result result = check.validate(method, "/api/idp/users/" + paths[i], all.get(i));
      if (result.problem() != null) {
        problems.add(paths[i] + " " + all.get(i).statusCode() + ": " + result.problem());
      }
    }
    assertEquals(List.of(), problems);
  }

  private static HttpResponse<Buffer> vacation(String subject, JsonObject body, String credential) {
    return call(server, subject, "vacation").bearerTokenAuthentication(credential).sendJsonObject(body).await();
  }

  private static HttpResponse<Buffer> endVacation(String subject, String credential) {
    return server.http.delete("/api/idp/users/" + subject + "/vacation").bearerTokenAuthentication(credential).send().await();
  }

  private static String userIdOf(String subject) {
    return server.queryOne("SELECT id FROM users WHERE external_id = ?", subject);
  }

  /**
   * The person's state as root, watching them, sees it: waits for the announcement that makes it {@code state},
   * keeping {@code alive} connected meanwhile (a socket that does not ping is gone after the short time to live).
   */
  private static void awaitState(BridgeClient watcher, String userId, String state, BridgeClient... alive) {
    long until = System.currentTimeMillis() + 10_000;
    String seen = null;
    while (System.currentTimeMillis() < until) {
      JsonObject them = watcher.request("presence.watch", new JsonObject().put("userIds", new JsonArray().add(userId)))
        .getJsonArray("users").getJsonObject(0);
      seen = them.getString("state") + " " + them.getString("text");
      if (seen.startsWith(state)) {
        return;
      }
      for (BridgeClient each : alive) {
        each.ping();
      }
      watcher.ping();
      sleep(200);
    }
    assertEquals(state, seen);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @DisplayName("a vacation the provider sets sticks: neither the person nor an admin changes it, until the provider ends it; twice is fine")
  void vacationSticks() {
    String subject = newSubject();
    String token = signIn(subject);
    TestUser person = new TestUser(server, me(token).bodyAsJsonObject().getJsonObject("user"), token);
    try (BridgeClient theirs = person.connect(); BridgeClient roots = root.connect()) {
      HttpResponse<Buffer> set = vacation(subject, new JsonObject().put("text", "Parental leave"), service);
      assertEquals(200, set.statusCode(), set.bodyAsString());
      assertEquals(new JsonObject().put("externalId", subject).put("userId", person.id())
        .put("vacation", new JsonObject().put("text", "Parental leave").putNull("until")), set.bodyAsJsonObject());
      assertEquals(200, vacation(subject, new JsonObject().put("text", "Parental leave"), API_KEY).statusCode());
      awaitState(roots, person.id(), "vacation Parental leave", theirs);

      assertEquals(new BridgeClient.Failure(409, "vacation_by_provider"),
        theirs.requestFailure("presence.set", new JsonObject().put("state", "online")));
      assertEquals(new BridgeClient.Failure(409, "vacation_by_provider"),
        theirs.requestFailure("presence.set", new JsonObject().put("state", "dnd").put("text", "Back at work")));
      assertEquals(new BridgeClient.Failure(409, "vacation_by_provider"), roots.requestFailure("presence.set",
        new JsonObject().put("userId", person.id()).put("state", "online")));
      assertEquals("vacation Parental leave t", server.queryOne(
        "SELECT concat_ws(' ', state, text, by_provider) FROM chosen_presence WHERE user_id = ?", Long.parseLong(person.id())));

      HttpResponse<Buffer> ended = endVacation(subject, service);
      assertEquals(200, ended.statusCode(), ended.bodyAsString());
      assertNull(ended.bodyAsJsonObject().getValue("vacation"));
      assertEquals(200, endVacation(subject, API_KEY).statusCode());
      awaitState(roots, person.id(), "online", theirs);
      assertEquals("dnd", theirs.request("presence.set", new JsonObject().put("state", "dnd"))
        .getJsonObject("presence").getString("state"));
    }
  }

  @Test
  @DisplayName("a vacation the provider sets ends by itself once its until passes, and the person chooses again")
  void vacationEnds() {
    String subject = newSubject();
    String token = signIn(subject);
    TestUser person = new TestUser(server, me(token).bodyAsJsonObject().getJsonObject("user"), token);
    try (BridgeClient theirs = person.connect(); BridgeClient roots = root.connect()) {
      String until = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3).toString();
      assertEquals(200, vacation(subject, new JsonObject().put("until", until).put("text", "Away"), service).statusCode());
      awaitState(roots, person.id(), "vacation Away", theirs);
      assertEquals(new BridgeClient.Failure(409, "vacation_by_provider"),
        theirs.requestFailure("presence.set", new JsonObject().put("state", "online")));
      awaitState(roots, person.id(), "online", theirs);
      assertNull(server.queryOne("SELECT state FROM chosen_presence WHERE user_id = ?", Long.parseLong(person.id())));
      assertEquals("dnd", theirs.request("presence.set", new JsonObject().put("state", "dnd"))
        .getJsonObject("presence").getString("state"));
    }
  }

  @Test
  @DisplayName("puts someone who has not signed in yet on vacation: their user is made, away from the start; ending it for nobody makes nobody")
  void vacationOfFutureUser() {
    String subject = newSubject();
    HttpResponse<Buffer> set = vacation(subject, new JsonObject(), service);
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertEquals(userIdOf(subject), set.bodyAsJsonObject().getString("userId"));
    assertEquals("1", usersOf(subject));
    try (BridgeClient roots = root.connect()) {
      awaitState(roots, userIdOf(subject), "vacation");
    }
    String other = newSubject();
    HttpResponse<Buffer> ended = endVacation(other, service);
    assertEquals(200, ended.statusCode(), ended.bodyAsString());
    assertNull(ended.bodyAsJsonObject().getString("userId"));
    assertEquals("0", usersOf(other));
  }

  @Test
  @DisplayName("rejects a bad until or text, and a body that is not JSON, but only after the credential, and before anyone is made")
  void rejectsBadVacation() {
    String subject = newSubject();
    assertError(vacation(subject, new JsonObject().put("until", "tomorrow"), service), 400, "invalid_until");
    assertError(vacation(subject, new JsonObject().put("until", "2027-01-15T09:00:00"), service), 400, "invalid_until");
    assertError(vacation(subject, new JsonObject().put("until", "2020-01-15T09:00:00Z"), service), 400, "invalid_until");
    assertError(vacation(subject, new JsonObject().put("until", 1799999999), service), 400, "invalid_until");
    assertError(vacation(subject, new JsonObject().put("text", "x".repeat(101)), service), 400, "invalid_presence");
    assertError(call(server, subject, "vacation").bearerTokenAuthentication(service).putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")).await(), 400, "invalid_json");
    assertError(call(server, subject, "vacation").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")).await(), 401, "idp_credential");
    assertError(vacation(subject, new JsonObject().put("until", "tomorrow"), provider.token(subject, Map.of())), 403, "idp_scope");
    assertEquals("0", usersOf(subject));
  }

  @Test
  @DisplayName("rejects a person's token, Parley's token and no credential on the vacation calls too")
  void rejectsVacationCallers() {
    String subject = signInNew();
    assertError(vacation(subject, new JsonObject(), provider.token(subject, Map.of())), 403, "idp_scope");
    assertError(vacation(subject, new JsonObject(), root.token), 401, "token_signature");
    assertError(call(server, subject, "vacation").sendJsonObject(new JsonObject()).await(), 401, "idp_credential");
    assertError(endVacation(subject, provider.token(subject, Map.of())), 403, "idp_scope");
    assertError(server.http.delete("/api/idp/users/" + subject + "/vacation").send().await(), 401, "idp_credential");
    assertNull(server.queryOne("SELECT state FROM chosen_presence WHERE user_id = ?", Long.parseLong(userIdOf(subject))));
  }

  private static String signInNew() {
    String subject = newSubject();
    signIn(subject);
    return subject;
  }

  private static void assertActive(String subject) {
    assertEquals("f", server.queryOne("SELECT deactivated_at IS NOT NULL FROM users WHERE external_id = ?", subject));
  }
}
