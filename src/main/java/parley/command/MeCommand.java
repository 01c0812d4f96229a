package parley.command;

import io.vertx.core.Future;
import parley.role.Permission;

/** An action in the third person: {@code /me waves} is stored as the action message {@code waves}. */
final class MeCommand implements Command {

  @Override
  public String name() {
    return "me";
  }

  @Override
  public String usage() {
    return "/me <action>";
  }

  @Override
  public String description() {
    return "Says what you are doing, as in /me waves.";
  }

  @Override
  public Permission permission() {
    return Permission.SEND_MESSAGES;
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    return Future.succeededFuture(CommandResult.action(context.arguments().rest()));
  }
}
