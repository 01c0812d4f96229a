package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

import java.util.stream.Collectors;

/** The members of the room, like {@code GET /api/rooms/<id>/members}. */
final class WhoCommand extends Command {

  WhoCommand() {
    super("who", "/who",
      "Lists the members of this room.", null);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    context.arguments().none();
    return context.ask(Addresses.ROOM_MEMBERS, new JsonObject().put("roomId", context.roomId())).map(reply -> {
      JsonArray members = reply.getJsonArray("members");
      return CommandResult.toCaller(members.stream().map(JsonObject.class::cast).map(WhoCommand::name)
        .collect(Collectors.joining(", ", members.size() + (members.size() == 1 ? " member: " : " members: "), "")));
    });
  }

  private static String name(JsonObject member) {
    String username = member.getString("username");
    String displayName = member.getString("displayName");
    // Someone deactivated may show without a username, by the name that stands for theirs.
    return displayName.equals(username) || username.isEmpty() ? displayName : displayName + " (" + username + ")";
  }
}
