package parley.command;

import io.vertx.core.Future;

import java.util.stream.Collectors;

/** Lists exactly the commands the caller's role lets them run, from the registry. */
final class HelpCommand extends Command {

  HelpCommand() {
    super("help", "/help",
      "Lists the commands you can run.", null);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    context.arguments().none();
    return Future.succeededFuture(CommandResult.toCaller(CommandRegistry.allowedFor(context.grant()).stream()
      .map(command -> command.usage() + " — " + command.description())
      .collect(Collectors.joining("\n", "Commands you can run:\n", ""))));
  }
}
