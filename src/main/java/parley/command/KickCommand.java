package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Removes someone from the room, like {@code DELETE /api/rooms/<id>/members/<userId>}. */
final class KickCommand implements Command {

  @Override
  public String name() {
    return "kick";
  }

  @Override
  public String usage() {
    return "/kick <username>";
  }

  @Override
  public String description() {
    return "Removes someone from this room.";
  }

  @Override
  public Permission permission() {
    return Permission.KICK_USERS;
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    String username = context.arguments().word();
    return context.userNamed(username).compose(user -> context.ask(Addresses.ROOM_KICK,
        new JsonObject().put("roomId", context.roomId()).put("userId", user.getString("id")))
      .compose(kicked -> context.callerName())
      .map(me -> CommandResult.toRoom(me + " removed " + user.getString("username") + " from the room")));
  }
}
