package parley.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;

/** {@code /api/rooms}: the REST face of the room service, and message history for pages that load by URL. */
final class RoomApi {

  void mount(Router router) {
    router.get("/api/rooms").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.ROOM_LIST, new JsonObject())));
    router.get("/api/rooms/browse").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.ROOM_BROWSE, new JsonObject())));
    router.post("/api/rooms").handler(ctx -> Http.answer(ctx, 201, Http.ask(ctx, Addresses.ROOM_CREATE, Http.body(ctx))));
    router.delete("/api/rooms/:id").handler(ctx -> forRoom(ctx, Addresses.ROOM_DELETE));
    router.post("/api/rooms/:id/join").handler(ctx -> forRoom(ctx, Addresses.ROOM_JOIN));
    router.post("/api/rooms/:id/leave").handler(ctx -> forRoom(ctx, Addresses.ROOM_LEAVE));
    router.get("/api/rooms/:id/members").handler(ctx -> forRoom(ctx, Addresses.ROOM_MEMBERS));
    router.get("/api/rooms/:id/messages").handler(ctx -> {
      JsonObject query = new JsonObject().put("roomId", ctx.pathParam("id"));
      putIfPresent(ctx, query, "before");
      putIfPresent(ctx, query, "limit");
      Http.answer(ctx, 200, Http.ask(ctx, Addresses.CHAT_HISTORY, query));
    });
  }

  private static void forRoom(RoutingContext ctx, String address) {
    Http.answer(ctx, 200, Http.ask(ctx, address, new JsonObject().put("roomId", ctx.pathParam("id"))));
  }

  private static void putIfPresent(RoutingContext ctx, JsonObject query, String name) {
    String value = ctx.queryParams().get(name);
    if (value != null) {
      query.put(name, value);
    }
  }
}
