package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.http.ApiRoute;
import parley.http.ApiRoutes;
import parley.http.OpenApiDocument;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every REST route that takes an id, tried by tenant B's people with tenant A's ids: each answer is the one for an
 * id that does not exist, and A's data is untouched. Routes come from {@link ApiRoutes#ALL} and from the API's
 * document (the routes outside the table), so a new route with an id and no case here fails
 * {@link #everyRouteWithAnIdHasACase()}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Tenant isolation over REST: another tenant's ids are answered as ids that do not exist")
class TenantIsolationTest {

  private static final Pattern PARAM = Pattern.compile(":(\\w+)");

  /** A request ready to send. */
  record Call(String path, JsonObject body) {
  }

  /**
   * The body of each route that takes one besides the ids in its path: one that the route accepts from someone with
   * ids of their own, so that only the id can refuse it.
   */
  private static final Map<String, BiFunction<TwoTenants, TestUser, JsonObject>> PATH_BODIES = Map.ofEntries(
    Map.entry("PATCH /api/rooms/:roomId", (t, caller) -> new JsonObject().put("topic", "taken over")),
    Map.entry("POST /api/rooms/:roomId/join", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/rooms/:roomId/leave", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/rooms/:roomId/members", (t, caller) -> new JsonObject().put("userId", other(t, caller).id())),
    Map.entry("PATCH /api/roles/:roleId", (t, caller) -> new JsonObject().put("name", "taken over")),
    Map.entry("PATCH /api/users/:userId/role", (t, caller) -> new JsonObject().put("roleId", roleOfB(t, "moderator"))),
    Map.entry("PATCH /api/users/:userId/display-name", (t, caller) -> new JsonObject().put("displayName", "Taken Over")),
    Map.entry("POST /api/users/:userId/password-reset", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/users/:userId/deactivate", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/users/:userId/reactivate", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/announcements/:announcementId/read", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/announcements/:announcementId/ack", (t, caller) -> new JsonObject()),
    Map.entry("POST /api/announcements/:announcementId/reactions", (t, caller) -> new JsonObject().put("emoji", "👍")),
    Map.entry("POST /api/push/rooms/:roomId", (t, caller) -> new JsonObject().put("muted", true)));

  /** A route outside {@link ApiRoutes#ALL} that takes a tenant's id, tried as the table's routes are. */
  private static final List<String> OUTSIDE_THE_TABLE = List.of("GET /api/files/:fileId", "GET /api/files/:fileId/thumbnail");

  /** Routes with an id that is no tenant's, or whose tenant the request does not choose, and why. */
  private static final Map<String, String> NOT_A_TENANTS_ID = Map.ofEntries(
    Map.entry("GET /api/auth/invite/:code", "public: the tenant is the host's (host-name tenancy tries it with another tenant's host)"),
    Map.entry("GET /api/auth/reset/:code", "public: the tenant is the host's (host-name tenancy tries it with another tenant's host)"),
    Map.entry("DELETE /api/platform/tenants/:tenantId", "the platform's operators only, over every tenant"),
    Map.entry("PATCH /api/platform/tenants/:tenantId", "the platform's operators only, over every tenant"),
    Map.entry("GET /api/platform/tenants/:tenantId/export", "the platform's operators only, over every tenant"),
    Map.entry("GET /api/platform/tenants/:tenantId/people", "the platform's operators only, over every tenant"),
    Map.entry("GET /api/platform/tenants/:tenantId/rooms", "the platform's operators only, over every tenant"),
    Map.entry("POST /api/platform/tenants/:tenantId/resume", "the platform's operators only, over every tenant"),
    Map.entry("POST /api/platform/tenants/:tenantId/suspend", "the platform's operators only, over every tenant"),
    Map.entry("POST /api/idp/users/:externalId/deactivate", "the identity provider's own credentials, which name their tenant"),
    Map.entry("POST /api/idp/users/:externalId/reactivate", "the identity provider's own credentials, which name their tenant"),
    Map.entry("POST /api/idp/users/:externalId/vacation", "the identity provider's own credentials, which name their tenant"),
    Map.entry("DELETE /api/idp/users/:externalId/vacation", "the identity provider's own credentials, which name their tenant"));

  /** An id put in a body: what kind of id, and the call that carries it. */
  record BodyCase(String label, String kind, BodyCall call) {
  }

  /** The call of a {@link BodyCase} by {@code caller}, with {@code id} (A's, or a missing one) in its body. */
  @FunctionalInterface
  interface BodyCall {
    Call apply(TwoTenants tenants, TestUser caller, String id);
  }

  /** Routes that take ids in their body, each with the ways it does. */
  private static final Map<String, List<BodyCase>> BODY_CASES = Map.of(
    "POST /api/rooms/:roomId/members", List.of(new BodyCase("A's person added to B's room", "userId",
      (t, caller, id) -> new Call("/api/rooms/" + t.bRoom + "/members", new JsonObject().put("userId", id)))),
    "PATCH /api/users/:userId/role", List.of(new BodyCase("B's person given A's role", "roleId",
      (t, caller, id) -> new Call("/api/users/" + other(t, caller).id() + "/role", new JsonObject().put("roleId", id)))),
    "POST /api/dms", List.of(new BodyCase("a DM with A's person", "userId",
      (t, caller, id) -> new Call("/api/dms", new JsonObject().put("userId", id)))),
    "POST /api/groups", List.of(new BodyCase("a group with A's person", "userId",
      (t, caller, id) -> new Call("/api/groups", new JsonObject().put("userIds", new JsonArray().add(id).add(other(t, caller).id()))))),
    "POST /api/announcements", List.of(
      new BodyCase("an announcement to A's person", "userId", (t, caller, id) -> announcement("userIds", id, other(t, caller).id())),
      new BodyCase("an announcement to A's role", "roleId", (t, caller, id) -> announcement("roleIds", id, roleOfB(t, "member"))),
      new BodyCase("an announcement to A's room", "roomId", (t, caller, id) -> announcement("roomIds", id, t.bRoom))));

  /**
   * Routes that take no id at all. What B's people see on those that answer lists is checked by
   * {@link #listsShowNothingOfA()} and {@link #listsDoNotMoveWithA()}.
   */
  private static final Set<String> WITHOUT_IDS = Set.of("GET /api/auth/me", "GET /api/auth/sessions", "POST /api/auth/password",
    "GET /api/rooms", "GET /api/rooms/browse", "POST /api/rooms", "GET /api/roles", "POST /api/roles", "GET /api/users",
    "GET /api/users/me/permissions", "GET /api/invites", "POST /api/invites", "GET /api/commands", "GET /api/announcements",
    "GET /api/announcements/sent", "POST /api/push/subscriptions", "GET /api/push/subscriptions", "GET /api/push/settings",
    "PATCH /api/push/settings", "GET /api/push/vapid-public-key", "GET /api/push/deliveries", "GET /api/admin/push",
    "GET /api/tenant/exports", "GET /api/tenant/settings", "PATCH /api/tenant/settings", "GET /api/search");

  private static TestServer server;
  private static TwoTenants tenants;
  private static TenantRows rows;
  private static Set<String> documentedRoutes;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, TwoTenants.settings());
    tenants = new TwoTenants(server);
    rows = new TenantRows(server);
    documentedRoutes = OpenAPIContract.from(vertx, OpenApiDocument.RESOURCE).await().operations().stream()
      .map(operation -> operation.getHttpMethod().name() + " " + operation.getOpenAPIPath().replaceAll("\\{(\\w+)}", ":$1"))
      .collect(Collectors.toCollection(TreeSet::new));
    rows.awaitSettled(1);
  }

  private static TestUser other(TwoTenants t, TestUser caller) {
    return caller == t.bMember ? t.bSuperadmin : t.bMember;
  }

  private static String roleOfB(TwoTenants t, String name) {
    return t.bSuperadmin.get("/api/roles").bodyAsJsonObject().getJsonArray("roles").stream().map(JsonObject.class::cast)
      .filter(role -> role.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
  }

  private static Call announcement(String list, String id, String own) {
    return new Call("/api/announcements", new JsonObject().put("title", "Beta news").put("body", "For us")
      .put("audience", new JsonObject().put(list, new JsonArray().add(own).add(id))));
  }

  private static List<String> params(String path) {
    List<String> params = new ArrayList<>();
    Matcher matcher = PARAM.matcher(path);
    while (matcher.find()) {
      params.add(matcher.group(1));
    }
    return params;
  }

  private static HttpMethod methodOf(String key) {
    return HttpMethod.valueOf(key.substring(0, key.indexOf(' ')));
  }

  private static String pathOf(String key) {
    return key.substring(key.indexOf(' ') + 1);
  }

  /** Every route with an id in its path that B's people must be refused as for a missing id. */
  private static List<String> routesWithPathIds() {
    List<String> routes = new ArrayList<>(ApiRoutes.ALL.stream().map(ApiRoute::key).filter(key -> key.contains(":")).toList());
    routes.addAll(OUTSIDE_THE_TABLE);
    return routes;
  }

  @Test
  @DisplayName("has a case for every route that takes an id, in its path or its body, and knows every route without one")
  void everyRouteWithAnIdHasACase() {
    List<String> problems = new ArrayList<>();
    for (String route : documentedRoutes) {
      if (route.contains(":") && !routesWithPathIds().contains(route) && !NOT_A_TENANTS_ID.containsKey(route)) {
        problems.add(route + ": takes an id but is neither in ApiRoutes nor in OUTSIDE_THE_TABLE (add it there) nor in NOT_A_TENANTS_ID (say why)");
      }
    }
    for (String route : routesWithPathIds()) {
      for (String param : params(pathOf(route))) {
        if (!tenants.ids.containsKey(param)) {
          problems.add(route + ": give tenant A a " + param + " in TwoTenants, and a missing one, so that B can try it");
        }
      }
      HttpMethod method = methodOf(route);
      if (method != HttpMethod.GET && method != HttpMethod.DELETE && !PATH_BODIES.containsKey(route)) {
        problems.add(route + ": add the body it takes to PATH_BODIES, one that would succeed with B's own ids");
      }
    }
    for (ApiRoute route : ApiRoutes.ALL) {
      if (!route.key().contains(":") && !BODY_CASES.containsKey(route.key()) && !WITHOUT_IDS.contains(route.key())) {
        problems.add(route.key() + ": add its ids in the body to BODY_CASES, or the route to WITHOUT_IDS if it takes none");
      }
    }
    assertEquals(List.of(), problems, "routes without an isolation case");
  }

  /** The path with A's ids, or with missing ones: {@code variant} for {@code varied}, the first of A's for the rest. */
  private static String path(String template, String varied, String variant, boolean missing, String ownRoom) {
    String path = template;
    for (String param : params(template)) {
      String id;
      if (ownRoom != null && param.equals("roomId")) {
        id = ownRoom;
      } else if (missing) {
        id = tenants.missing.get(param);
      } else {
        id = param.equals(varied) ? tenants.ids.get(param).get(variant) : tenants.first(param);
      }
      path = path.replace(":" + param, id);
    }
    return path;
  }

  @TestFactory
  @DisplayName("rejects A's ids in a route's path as ids that do not exist, and leaves A's data as it was")
  Stream<DynamicTest> pathIds() {
    return routesWithPathIds().stream().filter(route -> params(pathOf(route)).stream().allMatch(tenants.ids::containsKey))
      .flatMap(route -> {
        List<String> params = params(pathOf(route));
        String varied = params.get(0);
        List<DynamicTest> tests = new ArrayList<>();
        tenants.otherTenantCallers().forEach((who, caller) -> {
          tenants.ids.get(varied).keySet().forEach(variant -> tests.add(DynamicTest.dynamicTest(
            route + " with A's " + variant + " as " + who,
            () -> tryAsMissing(route, caller, path(pathOf(route), varied, variant, false, null), path(pathOf(route), varied, variant, true, null)))));
          if (varied.equals("roomId") && params.size() > 1) {
            String second = params.get(1);
            tenants.ids.get(second).keySet().forEach(variant -> tests.add(DynamicTest.dynamicTest(
              route + " in B's own room with A's " + variant + " as " + who,
              () -> tryAsMissing(route, caller, path(pathOf(route), second, variant, false, tenants.bRoom),
                path(pathOf(route), second, variant, true, tenants.bRoom)))));
          }
        });
        return tests.stream();
      });
  }

  private static void tryAsMissing(String route, TestUser caller, String withAsIds, String withMissingIds) {
    JsonObject body = PATH_BODIES.containsKey(route) ? PATH_BODIES.get(route).apply(tenants, caller) : null;
    HttpResponse<Buffer> answer = assertSameAsMissing(caller, methodOf(route), new Call(withAsIds, body), new Call(withMissingIds, body));
    if (caller == tenants.bSuperadmin) {
      // Holding every permission, only the id can refuse them; a 400 would mean the body never let it be looked up.
      assertTrue(answer.statusCode() == 404 || answer.statusCode() == 403, route + " answered B's superadmin " + answer.statusCode());
    }
  }

  @TestFactory
  @DisplayName("rejects A's ids in a request's body as ids that do not exist, and leaves A's data as it was")
  Stream<DynamicTest> bodyIds() {
    return BODY_CASES.entrySet().stream().flatMap(route -> route.getValue().stream().flatMap(bodyCase ->
      tenants.otherTenantCallers().entrySet().stream().flatMap(caller -> tenants.ids.get(bodyCase.kind()).entrySet().stream()
        .map(id -> DynamicTest.dynamicTest(route.getKey() + ": " + bodyCase.label() + " (" + id.getKey() + ") as " + caller.getKey(),
          () -> assertSameAsMissing(caller.getValue(), methodOf(route.getKey()),
            bodyCase.call().apply(tenants, caller.getValue(), id.getValue()),
            bodyCase.call().apply(tenants, caller.getValue(), tenants.missing.get(bodyCase.kind()))))))));
  }

  /**
   * The call with A's ids is refused exactly as the one with missing ids, and nothing of A's changed, nor does any
   * row now join the two tenants. Answers the refusal.
   */
  private static HttpResponse<Buffer> assertSameAsMissing(TestUser caller, HttpMethod method, Call withAsIds, Call withMissingIds) {
    Map<String, String> before = rows.of(1);
    HttpResponse<Buffer> a = TwoTenants.call(caller, method, withAsIds.path(), withAsIds.body());
    HttpResponse<Buffer> missing = TwoTenants.call(caller, method, withMissingIds.path(), withMissingIds.body());
    String seen = method + " " + withAsIds.path() + " " + withAsIds.body() + " answered " + a.statusCode() + " " + a.bodyAsString()
      + "; with missing ids " + missing.statusCode() + " " + missing.bodyAsString();
    assertEquals(missing.statusCode(), a.statusCode(), seen);
    assertEquals(slug(missing), slug(a), seen);
    assertTrue(a.statusCode() >= 400, seen);
    assertEquals(before, rows.of(1), "A's data changed: " + seen);
    assertEquals(Map.of(), rows.mixed(), "rows join the two tenants: " + seen);
    return a;
  }

  private static String slug(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject().getString("error");
    } catch (RuntimeException notJson) {
      return response.bodyAsString();
    }
  }

  @TestFactory
  @DisplayName("rejects B's token at A's host on every route, with A's ids, as unauthenticated, and leaves A's data as it was")
  Stream<DynamicTest> tokenAtAsHost() {
    TestUser stray = tenants.bAtAsHost();
    return ApiRoutes.ALL.stream().map(ApiRoute::key).map(route -> DynamicTest.dynamicTest(route + " with B's token at A's host", () -> {
      Map<String, String> before = rows.of(1);
      String path = pathOf(route);
      for (String param : params(path)) {
        path = path.replace(":" + param, tenants.ids.containsKey(param) ? tenants.first(param) : tenants.first("roomId"));
      }
      HttpMethod method = methodOf(route);
      HttpResponse<Buffer> answer = TwoTenants.call(stray, method, path, method == HttpMethod.GET || method == HttpMethod.DELETE ? null : new JsonObject());
      assertEquals(401, answer.statusCode(), route + " answered " + answer.bodyAsString());
      assertEquals("unauthenticated", slug(answer), route);
      assertEquals(before, rows.of(1), "A's data changed: " + route);
    }));
  }

  @TestFactory
  @DisplayName("lists nothing of A to B's people, on every route without an id")
  Stream<DynamicTest> listsShowNothingOfA() {
    return ApiRoutes.ALL.stream().filter(route -> route.method() == HttpMethod.GET && !route.key().contains(":"))
      .flatMap(route -> tenants.otherTenantCallers().entrySet().stream().map(caller ->
        DynamicTest.dynamicTest(route.key() + " as " + caller.getKey(), () -> {
          HttpResponse<Buffer> response = caller.getValue().get(route.path());
          String body = response.bodyAsString().toLowerCase();
          assertFalse(body.contains(TwoTenants.MARK), route.key() + " shows A's things to " + caller.getKey() + ": " + body);
        })));
  }

  /** What B's people see on every route without an id, by route and caller. */
  private static Map<String, String> bsLists() {
    Map<String, String> seen = new java.util.TreeMap<>();
    ApiRoutes.ALL.stream().filter(route -> route.method() == HttpMethod.GET && !route.key().contains(":")).forEach(route ->
      tenants.otherTenantCallers().forEach((who, caller) -> seen.put(route.key() + " as " + who, caller.get(route.path()).bodyAsString())));
    return seen;
  }

  @Test
  @DisplayName("rejects A's activity moving anything B's people see: no count, queue or list of B's changes with it")
  void listsDoNotMoveWithA() {
    Map<String, String> before = bsLists();
    String room = tenants.alice.createRoom(TwoTenants.MARK + "-busy", tenants.bob);
    try (BridgeClient alices = tenants.alice.connect()) {
      alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "@" + tenants.bob.username() + " @room busy day"));
      alices.request("presence.set", new JsonObject().put("state", "online"));
    }
    assertEquals(201, tenants.alice.post("/api/push/subscriptions", new JsonObject().put("kind", "expo")
      .put("token", "ExponentPushToken[" + TwoTenants.MARK + "-alice]")).statusCode());
    assertEquals(201, tenants.alice.post("/api/announcements", new JsonObject().put("title", "Busy").put("body", "Day")
      .put("audience", new JsonObject().put("all", true))).statusCode());
    assertEquals(201, tenants.alice.post("/api/invites", new JsonObject()).statusCode());
    assertEquals(201, tenants.alice.post("/api/roles", new JsonObject().put("name", "busy role").put("rank", 5)
      .put("permissions", new JsonArray())).statusCode());
    assertEquals(200, tenants.alice.get(ExportDownload.PATH).statusCode());
    server.register(TwoTenants.MARK + "_newcomer");
    rows.awaitSettled(1);
    assertEquals(before, bsLists());
  }

  @Test
  @DisplayName("rejects A's messages in B's searches, by A's words, room names and usernames, on REST and the bridge")
  void searchesFindNothingOfA() {
    List<String> queries = List.of(TwoTenants.MARK, "acm", "in:#" + TwoTenants.MARK + "-public", "from:@" + tenants.alice.username(),
      "has:file", "\"" + TwoTenants.MARK + " plans\"");
    for (String q : queries) {
      String path = "/api/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(tenants.alice.get(path).bodyAsJsonObject().getJsonArray("results").isEmpty(), q + " finds A's own for A");
      tenants.otherTenantCallers().forEach((who, caller) -> {
        HttpResponse<Buffer> found = caller.get(path);
        assertEquals(200, found.statusCode(), found.bodyAsString());
        assertEquals(List.of(), found.bodyAsJsonObject().getJsonArray("results").getList(), q + " as " + who);
      });
      try (BridgeClient bs = tenants.bSuperadmin.connect()) {
        assertEquals(List.of(), bs.request("chat.search", new JsonObject().put("q", q)).getJsonArray("results").getList(), q);
      }
    }
  }

  @Test
  @DisplayName("exports nothing of A in B's archive")
  void exportHoldsNothingOfA() {
    HttpResponse<Buffer> archive = tenants.bSuperadmin.get(ExportDownload.PATH);
    assertEquals(200, archive.statusCode(), archive.bodyAsString());
    String lines = archive.bodyAsString();
    assertTrue(lines.contains("\"beta-room\""), "B's own room is in it");
    assertFalse(lines.toLowerCase().contains(TwoTenants.MARK), lines);
    assertTrue(tenants.alice.get(ExportDownload.PATH).bodyAsString().contains(TwoTenants.MARK), "A's archive has A's things");
  }

  @Test
  @DisplayName("sees a row that joins two tenants, and a change to A's rows, so that the checks above could fail")
  void theChecksSeeALeak() {
    Map<String, String> before = rows.of(1);
    server.queryOne("INSERT INTO room_members (tenant_id, room_id, user_id) VALUES (?, ?, ?) RETURNING room_id",
      tenants.tenantB, Long.parseLong(tenants.privateRoom), Long.parseLong(tenants.bMember.id()));
    try {
      assertEquals(Map.of("room_members", "1"), rows.mixed());
      assertFalse(before.equals(rows.of(1)));
    } finally {
      server.queryOne("DELETE FROM room_members WHERE tenant_id = ? AND room_id = ? RETURNING room_id", tenants.tenantB,
        Long.parseLong(tenants.privateRoom));
    }
    assertEquals(before, rows.of(1));
  }

  @Test
  @DisplayName("shows A's lists to A, so that the lists B sees could have shown them")
  void aSeesItsOwn() {
    for (String path : List.of("/api/rooms", "/api/rooms/browse", "/api/users", "/api/roles", "/api/invites", "/api/announcements",
      "/api/announcements/sent", "/api/push/subscriptions")) {
      TestUser reader = path.equals("/api/push/subscriptions") || path.equals("/api/announcements") ? tenants.bob : tenants.alice;
      assertTrue(reader.get(path).bodyAsString().toLowerCase().contains(TwoTenants.MARK), path);
    }
  }
}
