package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.role.Permission;

/** Renames the caller, like {@code PATCH /api/users/<own id>/display-name}. */
final class NickCommand implements Command {

  @Override
  public String name() {
    return "nick";
  }

  @Override
  public String usage() {
    return "/nick <display name>";
  }

  @Override
  public String description() {
    return "Changes your display name.";
  }

  @Override
  public Permission permission() {
    return null;
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
