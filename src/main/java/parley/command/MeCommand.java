package parley.command;

import io.vertx.core.Future;
import parley.role.Permission;

/** An action in the third person: {@code /me waves} is stored as the action message {@code waves}. */
final class MeCommand extends Command {

  MeCommand() {
    super("me", "/me <action>",
      "Says what you are doing, as in /me waves.", Permission.SEND_MESSAGES);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    return Future.succeededFuture(CommandResult.action(context.arguments().rest()));
  }
}
