package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Sets the room's topic, like {@code PATCH /api/rooms/<id>}. */
final class TopicCommand extends Command {

  TopicCommand() {
    super("topic", "/topic <text>",
      "Sets the topic of this room.", Permission.SET_ROOM_TOPIC);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    JsonObject request = new JsonObject().put("roomId", context.roomId()).put("topic", context.arguments().rest());
    return context.ask(Addresses.ROOM_SET_TOPIC, request).compose(reply -> context.callerName()
      .map(me -> CommandResult.toRoom(me + " set the topic: " + reply.getJsonObject("room").getString("topic"))));
  }
}
