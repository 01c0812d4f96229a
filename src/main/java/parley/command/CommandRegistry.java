package parley.command;

import parley.role.Grant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every slash command, in the order {@code /help} lists them. A new command is its class and one line here. */
public final class CommandRegistry {

  public static final List<Command> ALL = List.of(
    new HelpCommand(),
    new RoomsCommand(),
    new WhoCommand(),
    new MeCommand(),
    new PollCommand(),
    new NickCommand(),
    new InviteCommand(),
    new TopicCommand(),
    new KickCommand(),
    new CreateRoomCommand(),
    new DeleteRoomCommand(),
    new PromoteCommand());

  private static final Map<String, Command> BY_NAME =
    ALL.stream().collect(Collectors.toMap(Command::name, Function.identity()));

  private CommandRegistry() {
  }

  public static Optional<Command> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static List<Command> allowedFor(Grant grant) {
    return ALL.stream().filter(command -> command.allowedFor(grant)).toList();
  }
}
