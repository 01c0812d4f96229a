package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.role.Permission;

/** Gives someone a role, named as the roles list names it, like {@code PATCH /api/users/<id>/role}. */
final class PromoteCommand extends Command {

  PromoteCommand() {
    super("promote", "/promote <username> <role>",
      "Gives someone a role (or takes one away).", Permission.PROMOTE_USERS);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    String username = context.arguments().firstWord();
    String roleName = context.arguments().afterFirstWord().rest();
    return context.userNamed(username).compose(user -> roleNamed(context, roleName).compose(role -> context.ask(Addresses.USER_SET_ROLE,
          new JsonObject().put("userId", user.getString("id")).put("roleId", role.getString("id")))
        .compose(changed -> context.callerName())
        .map(me -> CommandResult.toRoom(me + " gave " + user.getString("username") + " the role " + role.getString("name")))));
  }

  private static Future<JsonObject> roleNamed(CommandContext context, String name) {
    return context.ask(Addresses.ROLE_LIST, new JsonObject()).compose(reply -> reply.getJsonArray("roles").stream()
      .map(JsonObject.class::cast)
      .filter(role -> role.getString("name").equalsIgnoreCase(name))
      .findFirst()
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(ApiError.ROLE_NOT_FOUND.exception())));
  }
}
