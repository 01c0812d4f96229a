package parley.role;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.command.Command;
import parley.command.CommandRegistry;
import parley.http.ApiRoute;
import parley.http.ApiRoutes;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every guarded REST route, run as each system role and as a custom role: allowed exactly where the role holds the
 * permission the route table declares; and every slash command, run the same way, against the permission it
 * declares. Routes come from {@link ApiRoutes#ALL} and commands from {@link CommandRegistry#ALL}, so a new route or
 * command without a case here fails {@link #everyRouteHasACase()} or {@link #everyCommandHasACase()}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The permission matrix")
class PermissionMatrixTest {

  /** A request ready to send: the concrete path and its JSON body. */
  record Call(String path, JsonObject body) {
  }

  private static TestServer server;
  private static TestUser superadmin;
  private static String general;
  private static String memberRoleId;
  private static final Map<String, TestUser> ACTORS = new LinkedHashMap<>();
  private static final Map<String, Set<String>> PERMISSIONS = new LinkedHashMap<>();
  private static int counter;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    superadmin = server.register("root");
    general = superadmin.generalRoomId();
    HttpResponse<Buffer> curatorRole = superadmin.post("/api/roles", new JsonObject().put("name", "Curator").put("rank", 300)
      .put("permissions", new JsonArray(List.of("browse_rooms", "join_rooms", "create_rooms", "manage_invites",
        "set_room_topic", "change_display_names"))));
    assertEquals(201, curatorRole.statusCode(), curatorRole.bodyAsString());
    ACTORS.put("superadmin", superadmin);
    for (String role : List.of("moderator", "member", "Curator")) {
      TestUser user = server.register(role.toLowerCase());
      if (!role.equals("member")) {
        server.setRole(user, role);
      }
      ACTORS.put(role, user);
    }
    for (Object role : superadmin.get("/api/roles").bodyAsJsonObject().getJsonArray("roles")) {
      JsonObject json = (JsonObject) role;
      PERMISSIONS.put(json.getString("name"), json.getJsonArray("permissions").stream().map(String.class::cast).collect(Collectors.toSet()));
      if (json.getString("name").equals("member")) {
        memberRoleId = json.getString("id");
      }
    }
  }

  private static String unique(String prefix) {
    return prefix + (++counter);
  }

  /** A fresh room made by the superadmin, with the actor in it when {@code withActor}. */
  private static String room(TestUser actor, boolean withActor) {
    String room = superadmin.createRoom(unique("room"));
    if (withActor && actor != superadmin) {
      assertEquals(200, superadmin.post("/api/rooms/" + room + "/members", new JsonObject().put("userId", actor.id())).statusCode());
    }
    return room;
  }

  /** A message in #general, which every actor is in. */
  private static String generalMessageId() {
    try (BridgeClient client = superadmin.connect()) {
      return client.request("chat.send", new JsonObject().put("roomId", general).put("content", unique("readable ")))
        .getJsonObject("message").getString("id");
    }
  }

  private static String role() {
    return superadmin.post("/api/roles", new JsonObject().put("name", unique("role")).put("rank", 1)
      .put("permissions", new JsonArray().add("send_messages"))).bodyAsJsonObject().getJsonObject("role").getString("id");
  }

  private static TestUser herald;

  /** An announcement to everyone from someone else with manage_announcements, so every actor is a recipient. */
  private static String announced(boolean requireAck) {
    if (herald == null) {
      assertEquals(201, superadmin.post("/api/roles", new JsonObject().put("name", "Herald").put("rank", 200)
        .put("permissions", new JsonArray().add("manage_announcements"))).statusCode());
      herald = server.register("herald");
      server.setRole(herald, "Herald");
    }
    HttpResponse<Buffer> sent = herald.post("/api/announcements", new JsonObject().put("title", unique("Notice "))
      .put("body", "For everyone").put("audience", new JsonObject().put("all", true)).put("requireAck", requireAck));
    assertEquals(201, sent.statusCode(), sent.bodyAsString());
    return sent.bodyAsJsonObject().getJsonObject("announcement").getString("id");
  }

  private static final Map<String, Function<TestUser, Call>> CASES = Map.ofEntries(
    Map.entry("GET /api/auth/me", actor -> new Call("/api/auth/me", null)),
    Map.entry("GET /api/auth/sessions", actor -> new Call("/api/auth/sessions", null)),
    Map.entry("DELETE /api/auth/sessions/:sessionId", actor -> new Call("/api/auth/sessions/" + anotherSessionOf(actor), null)),
    Map.entry("POST /api/auth/password", actor -> new Call("/api/auth/password",
      new JsonObject().put("current", TestUser.PASSWORD).put("new", TestUser.PASSWORD))),
    Map.entry("POST /api/users/:userId/password-reset", actor -> new Call("/api/users/" + server.register("forgetful").id()
      + "/password-reset", new JsonObject())),
    Map.entry("POST /api/users/:userId/deactivate", actor -> new Call("/api/users/" + server.register("leaving").id()
      + "/deactivate", new JsonObject())),
    Map.entry("POST /api/users/:userId/reactivate", actor -> {
      String returning = server.register("returning").id();
      assertEquals(200, superadmin.post("/api/users/" + returning + "/deactivate", new JsonObject()).statusCode());
      return new Call("/api/users/" + returning + "/reactivate", new JsonObject());
    }),
    Map.entry("GET /api/rooms", actor -> new Call("/api/rooms", null)),
    Map.entry("GET /api/rooms/browse", actor -> new Call("/api/rooms/browse", null)),
    Map.entry("GET /api/search", actor -> new Call("/api/search?q=anything", null)),
    Map.entry("POST /api/rooms", actor -> new Call("/api/rooms", new JsonObject().put("name", unique("made")))),
    Map.entry("PATCH /api/rooms/:roomId", actor -> new Call("/api/rooms/" + room(actor, true), new JsonObject().put("topic", "Quarterly plans"))),
    Map.entry("DELETE /api/rooms/:roomId", actor -> new Call("/api/rooms/" + room(actor, false), null)),
    Map.entry("POST /api/rooms/:roomId/join", actor -> new Call("/api/rooms/" + room(actor, false) + "/join", new JsonObject())),
    Map.entry("POST /api/rooms/:roomId/leave", actor -> new Call("/api/rooms/" + room(actor, true) + "/leave", new JsonObject())),
    Map.entry("GET /api/rooms/:roomId/members", actor -> new Call("/api/rooms/" + general + "/members", null)),
    Map.entry("POST /api/rooms/:roomId/members", actor -> new Call("/api/rooms/" + room(actor, true) + "/members",
      new JsonObject().put("userId", server.register("guest").id()))),
    Map.entry("DELETE /api/rooms/:roomId/members/:userId", actor -> {
      String room = room(actor, true);
      TestUser target = server.register("target");
      target.join(room);
      return new Call("/api/rooms/" + room + "/members/" + target.id(), null);
    }),
    Map.entry("GET /api/rooms/:roomId/messages", actor -> new Call("/api/rooms/" + general + "/messages", null)),
    Map.entry("GET /api/rooms/:roomId/pins", actor -> new Call("/api/rooms/" + general + "/pins", null)),
    Map.entry("POST /api/dms", actor -> new Call("/api/dms", new JsonObject().put("userId", server.register("penpal").id()))),
    Map.entry("POST /api/groups", actor -> new Call("/api/groups", new JsonObject()
      .put("userIds", new JsonArray().add(server.register("friend").id()).add(server.register("friend").id())))),
    Map.entry("GET /api/rooms/:roomId/messages/:messageId", actor -> new Call("/api/rooms/" + general + "/messages/"
      + generalMessageId(), null)),
    Map.entry("GET /api/rooms/:roomId/messages/:messageId/readers", actor -> new Call("/api/rooms/" + general + "/messages/"
      + generalMessageId() + "/readers", null)),
    Map.entry("GET /api/roles", actor -> new Call("/api/roles", null)),
    Map.entry("POST /api/roles", actor -> new Call("/api/roles", new JsonObject().put("name", unique("new role")).put("rank", 1)
      .put("permissions", new JsonArray().add("browse_rooms")))),
    Map.entry("PATCH /api/roles/:roleId", actor -> new Call("/api/roles/" + role(), new JsonObject().put("name", unique("renamed")))),
    Map.entry("DELETE /api/roles/:roleId", actor -> new Call("/api/roles/" + role(), null)),
    Map.entry("GET /api/users", actor -> new Call("/api/users", null)),
    Map.entry("GET /api/users/me/permissions", actor -> new Call("/api/users/me/permissions", null)),
    Map.entry("PATCH /api/users/:userId/role", actor -> new Call("/api/users/" + server.register("promoted").id() + "/role",
      new JsonObject().put("roleId", memberRoleId))),
    Map.entry("PATCH /api/users/:userId/display-name", actor -> new Call("/api/users/" + server.register("renamed").id()
      + "/display-name", new JsonObject().put("displayName", unique("Someone Else ")))),
    Map.entry("GET /api/invites", actor -> new Call("/api/invites", null)),
    Map.entry("POST /api/invites", actor -> new Call("/api/invites", new JsonObject().put("label", "for the matrix"))),
    Map.entry("DELETE /api/invites/:code", actor -> new Call("/api/invites/" + superadmin.post("/api/invites", new JsonObject())
      .bodyAsJsonObject().getJsonObject("invite").getString("code"), null)),
    Map.entry("GET /api/commands", actor -> new Call("/api/commands", null)),
    Map.entry("GET /api/announcements", actor -> new Call("/api/announcements", null)),
    Map.entry("GET /api/announcements/sent", actor -> new Call("/api/announcements/sent", null)),
    Map.entry("POST /api/announcements", actor -> new Call("/api/announcements", new JsonObject().put("title", "Hello")
      .put("body", "Everyone").put("audience", new JsonObject().put("all", true)))),
    Map.entry("GET /api/announcements/:announcementId", actor -> new Call("/api/announcements/" + announced(false), null)),
    Map.entry("POST /api/announcements/:announcementId/read", actor -> new Call("/api/announcements/" + announced(false) + "/read",
      new JsonObject())),
    Map.entry("POST /api/announcements/:announcementId/ack", actor -> new Call("/api/announcements/" + announced(true) + "/ack",
      new JsonObject())),
    Map.entry("POST /api/announcements/:announcementId/reactions", actor -> new Call("/api/announcements/" + announced(false)
      + "/reactions", new JsonObject().put("emoji", "👍"))),
    Map.entry("GET /api/announcements/:announcementId/stats", actor -> new Call("/api/announcements/" + announced(false) + "/stats", null)),
    Map.entry("DELETE /api/announcements/:announcementId", actor -> new Call("/api/announcements/" + announced(false), null)),
    Map.entry("POST /api/push/subscriptions", actor -> new Call("/api/push/subscriptions", expoToken())),
    Map.entry("GET /api/push/subscriptions", actor -> new Call("/api/push/subscriptions", null)),
    Map.entry("DELETE /api/push/subscriptions/:subscriptionId", actor -> new Call("/api/push/subscriptions/" + actor
      .post("/api/push/subscriptions", expoToken()).bodyAsJsonObject().getJsonObject("subscription").getString("id"), null)),
    Map.entry("GET /api/push/settings", actor -> new Call("/api/push/settings", null)),
    Map.entry("PATCH /api/push/settings", actor -> new Call("/api/push/settings", new JsonObject().put("level", "direct"))),
    Map.entry("POST /api/push/rooms/:roomId", actor -> new Call("/api/push/rooms/" + general, new JsonObject().put("muted", true))),
    Map.entry("GET /api/push/vapid-public-key", actor -> new Call("/api/push/vapid-public-key", null)),
    Map.entry("GET /api/push/deliveries", actor -> new Call("/api/push/deliveries", null)),
    Map.entry("GET /api/admin/push", actor -> new Call("/api/admin/push", null)),
    Map.entry("GET /api/tenant/exports", actor -> new Call("/api/tenant/exports", null)),
    Map.entry("GET /api/tenant/settings", actor -> new Call("/api/tenant/settings", null)),
    Map.entry("PATCH /api/tenant/settings", actor -> new Call("/api/tenant/settings", new JsonObject().put("requireInvite", false))));

  /** The id of a new sign-in of the actor's, which the actor may end. */
  private static String anotherSessionOf(TestUser actor) {
    TestUser elsewhere = server.login(actor);
    return elsewhere.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions").stream().map(JsonObject.class::cast)
      .filter(session -> session.getBoolean("current")).findFirst().orElseThrow().getString("id");
  }

  private static JsonObject expoToken() {
    return new JsonObject().put("kind", "expo").put("token", "ExponentPushToken[" + unique("matrix") + "]");
  }

  /** A command typed in a room: where, and the whole text. */
  record Typed(String roomId, String text) {
  }

  private static String publicRoomName() {
    String name = unique("named");
    superadmin.createRoom(name);
    return name;
  }

  private static String memberOf(String room) {
    TestUser target = server.register("target");
    target.join(room);
    return target.username();
  }

  private static final Map<String, Function<TestUser, Typed>> COMMANDS = Map.ofEntries(
    Map.entry("help", actor -> new Typed(general, "/help")),
    Map.entry("rooms", actor -> new Typed(general, "/rooms")),
    Map.entry("who", actor -> new Typed(general, "/who")),
    Map.entry("me", actor -> new Typed(general, "/me waves")),
    Map.entry("poll", actor -> new Typed(general, "/poll \"Lunch?\" \"Pizza\" \"Sushi\" --multi")),
    Map.entry("nick", actor -> new Typed(general, "/nick " + unique("Nick "))),
    Map.entry("invite", actor -> new Typed(room(actor, true), "/invite " + server.register("invitee").username())),
    Map.entry("topic", actor -> new Typed(room(actor, true), "/topic Plans for the week")),
    Map.entry("kick", actor -> {
      String room = room(actor, true);
      return new Typed(room, "/kick " + memberOf(room));
    }),
    Map.entry("createroom", actor -> new Typed(general, "/createroom " + unique("cmd") + " made by command")),
    Map.entry("deleteroom", actor -> new Typed(general, "/deleteroom " + publicRoomName())),
    Map.entry("promote", actor -> new Typed(general, "/promote " + server.register("promotable").username() + " member")));

  @Test
  @DisplayName("has a case for every slash command, and no case for a command that is gone")
  void everyCommandHasACase() {
    assertEquals(CommandRegistry.ALL.stream().map(Command::name).collect(Collectors.toCollection(TreeSet::new)),
      new TreeSet<>(COMMANDS.keySet()));
  }

  @TestFactory
  @DisplayName("allows each slash command exactly to the roles holding its permission")
  Stream<DynamicTest> commands() {
    return CommandRegistry.ALL.stream().filter(command -> COMMANDS.containsKey(command.name())).flatMap(command ->
      ACTORS.keySet().stream().map(role -> DynamicTest.dynamicTest("/" + command.name() + " as " + role, () -> {
        TestUser actor = ACTORS.get(role);
        Typed typed = COMMANDS.get(command.name()).apply(actor);
        try (BridgeClient client = actor.connect()) {
          JsonObject frame = client.requestFrame("chat.send",
            new JsonObject().put("roomId", typed.roomId()).put("content", typed.text()), null);
          boolean allowed = command.permission() == null || PERMISSIONS.get(role).contains(command.permission().apiName());
          if (allowed) {
            assertEquals("rec", frame.getString("type"), frame.encode());
          } else {
            assertEquals(403, frame.getInteger("failureCode"), frame.encode());
            assertEquals("forbidden", frame.getString("message"));
          }
        }
      })));
  }

  @Test
  @DisplayName("has a case for every signed-in route, and no case for a route that is gone")
  void everyRouteHasACase() {
    Set<String> routes = ApiRoutes.ALL.stream().map(ApiRoute::key).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(routes, new TreeSet<>(CASES.keySet()));
  }

  @TestFactory
  @DisplayName("allows each route exactly to the roles holding its permission")
  Stream<DynamicTest> restRoutes() {
    return ApiRoutes.ALL.stream().filter(route -> CASES.containsKey(route.key())).flatMap(route ->
      ACTORS.keySet().stream().map(role -> DynamicTest.dynamicTest(route.key() + " as " + role, () -> {
        TestUser actor = ACTORS.get(role);
        Call call = CASES.get(route.key()).apply(actor);
        var request = actor.request(route.method(), call.path());
        HttpResponse<Buffer> response = call.body() == null ? request.send().await() : request.sendJsonObject(call.body()).await();
        boolean allowed = route.permission() == null || PERMISSIONS.get(role).contains(route.permission().apiName());
        if (allowed) {
          assertEquals(route.successStatus(), response.statusCode(), response.bodyAsString());
        } else {
          assertEquals(403, response.statusCode(), response.bodyAsString());
          assertEquals("forbidden", response.bodyAsJsonObject().getString("error"));
        }
      })));
  }

  @TestFactory
  @DisplayName("rejects a malformed request to a guarded route with 403 when the role lacks its permission: authorization comes first")
  Stream<DynamicTest> authorizationBeforeValidation() {
    return ApiRoutes.ALL.stream().filter(ApiRoute::guarded).flatMap(route -> ACTORS.keySet().stream()
      .filter(role -> !PERMISSIONS.get(role).contains(route.permission().apiName()))
      .map(role -> DynamicTest.dynamicTest(route.key() + " as " + role, () -> {
        String path = route.path().replaceAll(":[a-zA-Z]+", "1");
        HttpResponse<Buffer> response = ACTORS.get(role).request(route.method(), path).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{not json")).await();
        assertEquals(403, response.statusCode(), response.bodyAsString());
        assertEquals("forbidden", response.bodyAsJsonObject().getString("error"));
      })));
  }

  @TestFactory
  @DisplayName("allows chat.send over the bridge exactly to the roles holding send_messages")
  Stream<DynamicTest> bridgeSend() {
    return ACTORS.keySet().stream().map(role -> DynamicTest.dynamicTest("chat.send as " + role, () -> {
      try (BridgeClient client = ACTORS.get(role).connect()) {
        JsonObject frame = client.requestFrame("chat.send", new JsonObject().put("roomId", general).put("content", "hi from " + role), null);
        if (PERMISSIONS.get(role).contains("send_messages")) {
          assertEquals("rec", frame.getString("type"), frame.encode());
        } else {
          assertEquals("err", frame.getString("type"));
          assertEquals(403, frame.getInteger("failureCode"));
          assertEquals("forbidden", frame.getString("message"));
        }
      }
    }));
  }

  @Test
  @DisplayName("covers a role that lacks a permission members have, so a denial is really exercised")
  void curatorLacksMemberPermissions() {
    assertNotEquals(PERMISSIONS.get("member"), PERMISSIONS.get("Curator"));
    assertEquals(false, PERMISSIONS.get("Curator").contains("send_messages"));
  }
}
