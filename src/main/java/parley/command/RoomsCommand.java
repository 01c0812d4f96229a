package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

import java.util.stream.Collectors;

/** The rooms the caller is in, like {@code GET /api/rooms}. */
final class RoomsCommand implements Command {

  @Override
  public String name() {
    return "rooms";
  }

  @Override
  public String usage() {
    return "/rooms";
  }

  @Override
  public String description() {
    return "Lists the rooms you are in.";
  }

  @Override
  public Permission permission() {
    return null;
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    context.arguments().none();
    return context.ask(Addresses.ROOM_LIST, new JsonObject()).map(list -> CommandResult.toCaller(
      list.getJsonArray("rooms").stream().map(JsonObject.class::cast)
        .map(room -> "#" + room.getString("name") + (room.getBoolean("private") ? " (private)" : ""))
        .collect(Collectors.joining(", ", "Your rooms: ", ""))));
  }
}
