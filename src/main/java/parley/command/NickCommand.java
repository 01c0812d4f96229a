package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

/** Renames the caller, like {@code PATCH /api/users/<own id>/display-name}. */
final class NickCommand extends Command {

  NickCommand() {
    super("nick", "/nick <display name>",
      "Changes your display name.", null);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    JsonObject request = new JsonObject().put("userId", Long.toString(context.caller().userId()))
      .put("displayName", context.arguments().rest());
    return context.ask(Addresses.USER_SET_DISPLAY_NAME, request).map(reply -> {
      JsonObject user = reply.getJsonObject("user");
      return CommandResult.toRoom(user.getString("username") + " is now known as " + user.getString("displayName"));
    });
  }
}
