package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Brings someone into the room, like {@code POST /api/rooms/<id>/members}: any member may. */
final class InviteCommand implements Command {

  @Override
  public String name() {
    return "invite";
  }

  @Override
  public String usage() {
    return "/invite <username>";
  }

  @Override
  public String description() {
    return "Adds someone to this room.";
  }

  @Override
  public Permission permission() {
    return null;
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
