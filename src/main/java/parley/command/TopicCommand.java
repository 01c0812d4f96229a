package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Sets the room's topic, like {@code PATCH /api/rooms/<id>}. */
final class TopicCommand implements Command {

  @Override
  public String name() {
    return "topic";
  }

  @Override
  public String usage() {
    return "/topic <text>";
  }

  @Override
  public String description() {
    return "Sets the topic of this room.";
  }

  @Override
  public Permission permission() {
    return Permission.SET_ROOM_TOPIC;
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    JsonObject request = new JsonObject().put("roomId", context.roomId()).put("topic", context.arguments().rest());
    return context.ask(Addresses.ROOM_SET_TOPIC, request).compose(reply -> context.callerName()
      .map(me -> CommandResult.toRoom(me + " set the topic: " + reply.getJsonObject("room").getString("topic"))));
  }
}
