package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.role.Permission;

import java.util.stream.Stream;

/**
 * Deletes a room and its history, like {@code DELETE /api/rooms/<id>}. The room is found by name among the public
 * rooms and the caller's own channels, so a private room one is not in can only be deleted over REST; DMs and groups
 * are never deleted.
 */
final class DeleteRoomCommand extends Command {

  DeleteRoomCommand() {
    super("deleteroom", "/deleteroom <name>",
      "Deletes a room and all its messages.", Permission.DELETE_ROOMS);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    String name = Arguments.withoutSigil(context.arguments().word());
    return roomNamed(context, name).compose(room -> context.ask(Addresses.ROOM_DELETE, new JsonObject().put("roomId", room.getString("id")))
      .compose(deleted -> context.callerName())
      .map(me -> CommandResult.toRoom(me + " deleted #" + room.getString("name"))));
  }

  private static Future<JsonObject> roomNamed(CommandContext context, String name) {
    // A role may delete rooms without being allowed to browse them; then only its own rooms are found.
    Future<JsonArray> publicRooms = context.ask(Addresses.ROOM_BROWSE, new JsonObject())
      .map(reply -> reply.getJsonArray("rooms"))
      .recover(failure -> ApiError.of(failure) == ApiError.FORBIDDEN
        ? Future.succeededFuture(new JsonArray()) : Future.failedFuture(failure));
    Future<JsonArray> ownRooms = context.ask(Addresses.ROOM_LIST, new JsonObject()).map(reply -> reply.getJsonArray("rooms"));
    return Future.all(publicRooms, ownRooms).compose(both -> Stream.concat(publicRooms.result().stream(), ownRooms.result().stream())
      .map(JsonObject.class::cast)
      .filter(room -> "channel".equals(room.getString("kind")) && room.getString("name").equalsIgnoreCase(name))
      .findFirst()
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception())));
  }
}
