package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Removes someone from the room, like {@code DELETE /api/rooms/<id>/members/<userId>}. */
final class KickCommand extends Command {

  KickCommand() {
    super("kick", "/kick <username>",
      "Removes someone from this room.", Permission.KICK_USERS);
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
