package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

import java.util.stream.Collectors;

/** The rooms the caller is in, like {@code GET /api/rooms}. */
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
        .map(room -> "#" + room.getString("name") + (room.getBoolean("private") ? " (private)" : ""))
        .collect(Collectors.joining(", ", "Your rooms: ", ""))));
  }
}
