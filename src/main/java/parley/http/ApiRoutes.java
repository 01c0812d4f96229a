package parley.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.role.Permissions;

import java.util.List;

import static parley.http.ApiRoute.create;
import static parley.http.ApiRoute.delete;
import static parley.http.ApiRoute.get;
import static parley.http.ApiRoute.patch;
import static parley.http.ApiRoute.post;
import static parley.role.Permission.BROWSE_ROOMS;
import static parley.role.Permission.CHANGE_DISPLAY_NAMES;
import static parley.role.Permission.CREATE_ROOMS;
import static parley.role.Permission.DELETE_ROOMS;
import static parley.role.Permission.EXPORT_TENANT;
import static parley.role.Permission.MANAGE_TENANT_SETTINGS;
import static parley.role.Permission.JOIN_ROOMS;
import static parley.role.Permission.KICK_USERS;
import static parley.role.Permission.LEAVE_ROOMS;
import static parley.role.Permission.MANAGE_ANNOUNCEMENTS;
import static parley.role.Permission.MANAGE_INVITES;
import static parley.role.Permission.MANAGE_ROLES;
import static parley.role.Permission.MANAGE_USERS;
import static parley.role.Permission.PROMOTE_USERS;
import static parley.role.Permission.SEND_MESSAGES;
import static parley.role.Permission.SET_ROOM_TOPIC;
import static parley.role.Permission.VIEW_ADMIN;

/** Every signed-in REST route, in one table: the router is built from it and the permission matrix test reads it. */
public final class ApiRoutes {

  public static final List<ApiRoute> ALL = List.of(
    get("/api/auth/me", Addresses.AUTH_ME, null),
    get("/api/auth/sessions", Addresses.SESSION_LIST, null),
    delete("/api/auth/sessions/:sessionId", Addresses.SESSION_END, null),
    post("/api/auth/password", Addresses.AUTH_CHANGE_PASSWORD, null),
    get("/api/rooms", Addresses.ROOM_LIST, null),
    get("/api/rooms/browse", Addresses.ROOM_BROWSE, BROWSE_ROOMS),
    create("/api/rooms", Addresses.ROOM_CREATE, CREATE_ROOMS),
    patch("/api/rooms/:roomId", Addresses.ROOM_SET_TOPIC, SET_ROOM_TOPIC),
    delete("/api/rooms/:roomId", Addresses.ROOM_DELETE, DELETE_ROOMS),
    post("/api/rooms/:roomId/join", Addresses.ROOM_JOIN, JOIN_ROOMS),
    post("/api/rooms/:roomId/leave", Addresses.ROOM_LEAVE, LEAVE_ROOMS),
    get("/api/rooms/:roomId/members", Addresses.ROOM_MEMBERS, null),
    post("/api/rooms/:roomId/members", Addresses.ROOM_ADD_MEMBER, null),
    delete("/api/rooms/:roomId/members/:userId", Addresses.ROOM_KICK, KICK_USERS),
    // chat.history's page, answered already encoded.
    get("/api/rooms/:roomId/messages", Addresses.MESSAGE_HISTORY_PAGE, null),
    get("/api/search", Addresses.CHAT_SEARCH, null),
    get("/api/rooms/:roomId/pins", Addresses.MESSAGE_PINS, null),
    // 200 whether the DM is new or not; the answer's "created" tells which.
    post("/api/dms", Addresses.CONVERSATION_DM, SEND_MESSAGES),
    create("/api/groups", Addresses.CONVERSATION_GROUP, SEND_MESSAGES),
    get("/api/rooms/:roomId/messages/:messageId", Addresses.MESSAGE_ONE, null),
    get("/api/rooms/:roomId/messages/:messageId/readers", Addresses.READ_READERS, null),
    get("/api/roles", Addresses.ROLE_LIST, null),
    create("/api/roles", Addresses.ROLE_CREATE, MANAGE_ROLES),
    patch("/api/roles/:roleId", Addresses.ROLE_UPDATE, MANAGE_ROLES),
    delete("/api/roles/:roleId", Addresses.ROLE_DELETE, MANAGE_ROLES),
    get("/api/users", Addresses.USER_LIST, null),
    get("/api/users/me/permissions", Addresses.USER_GRANT, null),
    patch("/api/users/:userId/role", Addresses.USER_SET_ROLE, PROMOTE_USERS),
    // Renaming oneself needs nothing; renaming someone else needs the permission.
    patch("/api/users/:userId/display-name", Addresses.USER_SET_DISPLAY_NAME, CHANGE_DISPLAY_NAMES).orOwner(),
    create("/api/users/:userId/password-reset", Addresses.USER_PASSWORD_RESET, MANAGE_USERS),
    post("/api/users/:userId/deactivate", Addresses.USER_DEACTIVATE, MANAGE_USERS),
    post("/api/users/:userId/reactivate", Addresses.USER_REACTIVATE, MANAGE_USERS),
    get("/api/invites", Addresses.INVITE_LIST, MANAGE_INVITES),
    create("/api/invites", Addresses.INVITE_CREATE, MANAGE_INVITES),
    delete("/api/invites/:code", Addresses.INVITE_DELETE, MANAGE_INVITES),
    get("/api/commands", Addresses.COMMANDS_LIST, null),
    get("/api/announcements", Addresses.ANNOUNCEMENT_LIST, null),
    // Before the routes with an :announcementId, which "sent" would otherwise be taken for.
    get("/api/announcements/sent", Addresses.ANNOUNCEMENT_SENT, null),
    create("/api/announcements", Addresses.ANNOUNCEMENT_CREATE, MANAGE_ANNOUNCEMENTS),
    get("/api/announcements/:announcementId", Addresses.ANNOUNCEMENT_GET, null),
    post("/api/announcements/:announcementId/read", Addresses.ANNOUNCEMENT_READ, null),
    post("/api/announcements/:announcementId/ack", Addresses.ANNOUNCEMENT_ACK, null),
    post("/api/announcements/:announcementId/reactions", Addresses.ANNOUNCEMENT_REACT, null),
    // The sender may too, even without the permission any more.
    get("/api/announcements/:announcementId/stats", Addresses.ANNOUNCEMENT_STATS, MANAGE_ANNOUNCEMENTS).orOwner(),
    delete("/api/announcements/:announcementId", Addresses.ANNOUNCEMENT_WITHDRAW, MANAGE_ANNOUNCEMENTS).orOwner(),
    create("/api/push/subscriptions", Addresses.PUSH_SUBSCRIBE, null),
    get("/api/push/subscriptions", Addresses.PUSH_DEVICES, null),
    delete("/api/push/subscriptions/:subscriptionId", Addresses.PUSH_UNSUBSCRIBE, null),
    get("/api/push/settings", Addresses.PUSH_SETTINGS, null),
    patch("/api/push/settings", Addresses.PUSH_SET_SETTINGS, null),
    post("/api/push/rooms/:roomId", Addresses.PUSH_MUTE_ROOM, null),
    get("/api/push/vapid-public-key", Addresses.PUSH_VAPID_KEY, null),
    get("/api/push/deliveries", Addresses.PUSH_DELIVERIES, null),
    get("/api/admin/push", Addresses.PUSH_ADMIN, VIEW_ADMIN),
    // The archive itself streams past the route table: tenant/ExportDownload.
    get("/api/tenant/exports", Addresses.TENANT_EXPORTS, EXPORT_TENANT),
    get("/api/tenant/settings", Addresses.TENANT_SETTINGS, VIEW_ADMIN),
    patch("/api/tenant/settings", Addresses.TENANT_SET_SETTINGS, MANAGE_TENANT_SETTINGS));

  private ApiRoutes() {
  }

  /** Authorization before validation: a caller without a guarded route's permission is refused before its body is read. */
  static void mount(Router router, Permissions permissions) {
    for (ApiRoute route : ALL) {
      router.route(route.method(), route.path()).handler(ctx -> {
        Future<?> allowed = route.guarded() ? permissions.require(Http.caller(ctx), route.permission()) : Future.succeededFuture();
        Http.answer(ctx, route.successStatus(), allowed.compose(ok -> Http.askEncoded(ctx, route.address(), request(ctx))));
      });
    }
  }

  private static JsonObject request(RoutingContext ctx) {
    JsonObject request = Http.body(ctx).copy();
    if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
      ctx.queryParams().forEach(request::put);
    }
    ctx.pathParams().forEach(request::put);
    return request;
  }
}
