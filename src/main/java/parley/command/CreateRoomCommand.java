package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Creates a public room, like {@code POST /api/rooms}; the caller becomes its first member. */
final class CreateRoomCommand implements Command {

  @Override
  public String name() {
    return "createroom";
  }

  @Override
  public String usage() {
    return "/createroom <name> [description]";
  }

  @Override
  public String description() {
    return "Creates a public room with you in it.";
  }

  @Override
  public Permission permission() {
    return Permission.CREATE_ROOMS;
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
