package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

/** Brings someone into the room, like {@code POST /api/rooms/<id>/members}: any member may. */
final class InviteCommand extends Command {

  InviteCommand() {
    super("invite", "/invite <username>",
      "Adds someone to this room.", null);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    String username = context.arguments().word();
    return context.userNamed(username).compose(user -> alreadyMember(context, user).compose(member -> member
      ? Future.succeededFuture(CommandResult.toCaller(user.getString("username") + " is already in this room."))
      : context.ask(Addresses.ROOM_ADD_MEMBER, new JsonObject().put("roomId", context.roomId()).put("userId", user.getString("id")))
        .compose(added -> context.callerName())
        .map(me -> CommandResult.toRoom(me + " added " + user.getString("username") + " to the room"))));
  }

  /** Asked first so that inviting someone twice does not tell the room twice. */
  private static Future<Boolean> alreadyMember(CommandContext context, JsonObject user) {
    return context.ask(Addresses.ROOM_MEMBERS, new JsonObject().put("roomId", context.roomId()))
      .map(reply -> reply.getJsonArray("members").stream().map(JsonObject.class::cast)
        .anyMatch(member -> member.getString("id").equals(user.getString("id"))));
  }
}
