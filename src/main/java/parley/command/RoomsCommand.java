package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The rooms the caller is in, like {@code GET /api/rooms}: channels by name, DMs by the other person, groups by name or members. */
final class RoomsCommand extends Command {

  RoomsCommand() {
    super("rooms", "/rooms",
      "Lists the rooms you are in.", null);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    context.arguments().none();
    return context.ask(Addresses.ROOM_LIST, new JsonObject()).map(list -> CommandResult.toCaller(
      list.getJsonArray("rooms").stream().map(JsonObject.class::cast)
        .map(room -> shown(room, context.caller().userId()))
        .collect(Collectors.joining(", ", "Your rooms: ", ""))));
  }

  private static String shown(JsonObject room, long me) {
    Stream<JsonObject> members = room.getJsonArray("members", new JsonArray()).stream().map(JsonObject.class::cast);
    return switch (room.getString("kind")) {
      case "dm" -> members.filter(member -> !member.getString("id").equals(Long.toString(me)))
        .map(member -> name(member, "@")).findFirst().orElse("@?");
      case "group" -> (room.getString("name").isEmpty()
        ? members.map(member -> name(member, "")).collect(Collectors.joining(", "))
        : room.getString("name")) + " (group)";
      default -> "#" + room.getString("name") + (room.getBoolean("private") ? " (private)" : "");
    };
  }

  /** By username; someone deactivated shows without one, by the name that stands for theirs. */
  private static String name(JsonObject member, String prefix) {
    String username = member.getString("username");
    return username.isEmpty() ? member.getString("displayName") : prefix + username;
  }
}
