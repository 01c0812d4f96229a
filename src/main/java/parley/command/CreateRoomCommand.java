package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Creates a public room, like {@code POST /api/rooms}; the caller becomes its first member. */
final class CreateRoomCommand extends Command {

  CreateRoomCommand() {
    super("createroom", "/createroom <name> [description]",
      "Creates a public room with you in it.", Permission.CREATE_ROOMS);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    JsonObject request = new JsonObject()
      .put("name", Arguments.withoutSigil(context.arguments().firstWord()))
      .put("description", context.arguments().afterFirstWord().text());
    return context.ask(Addresses.ROOM_CREATE, request).compose(reply -> context.callerName()
      .map(me -> CommandResult.toRoom(me + " created #" + reply.getJsonObject("room").getString("name"))));
  }
}
