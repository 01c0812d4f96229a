package parley.command;

import io.vertx.core.Future;
import parley.role.Permission;

import java.util.stream.Collectors;

/** Lists exactly the commands the caller's role lets them run, from the registry. */
final class HelpCommand implements Command {

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String usage() {
    return "/help";
  }

  @Override
  public String description() {
    return "Lists the commands you can run.";
  }

  @Override
  public Permission permission() {
    return null;
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    context.arguments().none();
    return Future.succeededFuture(CommandResult.toCaller(CommandRegistry.allowedFor(context.grant()).stream()
      .map(command -> command.usage() + " — " + command.description())
      .collect(Collectors.joining("\n", "Commands you can run:\n", ""))));
  }
}
