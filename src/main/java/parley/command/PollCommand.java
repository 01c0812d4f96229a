package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.role.Permission;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /poll "Lunch?" "Pizza" "Sushi" --multi}: a poll in this room, as {@code chat.send} with {@code poll} makes it. */
final class PollCommand extends Command {

  private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  PollCommand() {
    super("poll", "/poll \"question\" \"option\" \"option\" … [--multi] [--anonymous]",
      "Asks the room a question with 2–10 options; --multi allows several choices, --anonymous hides who chose what.",
      Permission.SEND_MESSAGES);
  }

  @Override
  public Future<CommandResult> run(CommandContext context) {
    List<String> quoted = new ArrayList<>();
    boolean multiple = false;
    boolean anonymous = false;
    Matcher tokens = TOKEN.matcher(context.arguments().text());
    while (tokens.find()) {
      if (tokens.group(1) != null) {
        quoted.add(tokens.group(1));
      } else if (tokens.group(2).equals("--multi")) {
        multiple = true;
      } else if (tokens.group(2).equals("--anonymous")) {
        anonymous = true;
      } else {
        throw new Arguments.WrongUsage();
      }
    }
    if (quoted.size() < 3) {
      throw new Arguments.WrongUsage();
    }
    return Future.succeededFuture(CommandResult.poll(new JsonObject().put("question", quoted.get(0))
      .put("options", new JsonArray(quoted.subList(1, quoted.size()))).put("multiple", multiple).put("anonymous", anonymous)));
  }
}
