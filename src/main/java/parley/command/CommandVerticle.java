package parley.command;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.room.Access;
import parley.room.RoomMembers;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slash commands ({@code svc.commands.run}): reads {@code /name arguments}, checks the command's declared permission,
 * and runs it; {@code svc.commands.list} names those the caller may run. Output for the caller alone is answered and
 * told on their {@code user.<id>}, never stored; output for the room is stored through {@code svc.message.post}, so it
 * gets a seq and a {@code message.new} like any message.
 */
public class CommandVerticle extends ServiceVerticle {

  private static final Pattern INVOCATION = Pattern.compile("/(\\S*)\\s*(.*)", Pattern.DOTALL);
  /** The command took the caller out of the room (kicking themselves, deleting it), so only they can be told. */
  private static final Set<ApiError> ROOM_GONE = Set.of(ApiError.NOT_A_MEMBER, ApiError.ROOM_NOT_FOUND);

  private RoomMembers members;

  @Override
  protected void serveAll() {
    members = RoomMembers.of(vertx);
    startsAfter(members.listening());
    serve(Addresses.COMMANDS_RUN, this::run);
    serve(Addresses.COMMANDS_LIST, this::list);
  }

  /** What clients offer as the caller types a slash: the commands their role lets them run, in /help's order. */
  private Future<JsonObject> list(Message<Object> message) {
    return permissions.of(Caller.of(message)).map(grant -> new JsonObject().put("commands",
      new JsonArray(CommandRegistry.allowedFor(grant).stream().map(Command::toJson).toList())));
  }

  private Future<JsonObject> run(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    String clientMsgId = Fields.optionalString(body, "clientMsgId", ApiError.INVALID_CLIENT_MSG_ID);
    Matcher typed = INVOCATION.matcher(Fields.string(body, "content", ApiError.INVALID_CONTENT));
    if (!typed.matches()) {
      return Future.failedFuture(ApiError.INVALID_CONTENT.exception());
    }
    String name = typed.group(1).toLowerCase(Locale.ROOT);
    Arguments arguments = new Arguments(typed.group(2));
    return requireMember(caller, roomId)
      .compose(member -> permissions.of(caller))
      .compose(grant -> {
        CommandContext context = new CommandContext(vertx.eventBus(), caller, grant, roomId, arguments);
        Future<CommandResult> result = CommandRegistry.named(name)
          .map(command -> execute(command, context))
          .orElseGet(() -> Future.succeededFuture(unknown(name)));
        return result.compose(output -> deliver(context, name, output, clientMsgId));
      });
  }

  private Future<Void> requireMember(Caller caller, long roomId) {
    return members.access(pool, caller, roomId).compose(Access::requiredMembership);
  }

  private static Future<CommandResult> execute(Command command, CommandContext context) {
    if (!command.allowedFor(context.grant())) {
      return Future.failedFuture(ApiError.FORBIDDEN.exception());
    }
    Future<CommandResult> result;
    try {
      result = command.run(context);
    } catch (Arguments.WrongUsage wrong) {
      result = Future.failedFuture(wrong);
    }
    return result.recover(failure -> failure instanceof Arguments.WrongUsage
      ? Future.succeededFuture(CommandResult.toCaller("Usage: " + command.usage()))
      : Future.failedFuture(failure));
  }

  private static CommandResult unknown(String name) {
    return CommandResult.toCaller((name.isEmpty() ? "" : "There is no command /" + name + ". ")
      + "/help lists the commands you can run.");
  }

  private Future<JsonObject> deliver(CommandContext context, String name, CommandResult output, String clientMsgId) {
    if (output.ephemeral()) {
      return Future.succeededFuture(privately(context, name, output.text(), clientMsgId));
    }
    JsonObject post = new JsonObject().put("roomId", context.roomId()).put("kind", output.kind())
      .put("content", output.text()).put("clientMsgId", clientMsgId).put("poll", output.poll());
    return context.ask(Addresses.MESSAGE_POST, post)
      .map(stored -> new JsonObject().put("command", name).put("ephemeral", false).put("message", stored.getJsonObject("message")))
      .recover(failure -> ROOM_GONE.contains(ApiError.of(failure))
        ? Future.succeededFuture(privately(context, name, output.text(), clientMsgId))
        : Future.failedFuture(failure));
  }

  /** The caller's other tabs and devices hear it too; clientMsgId lets the tab that asked skip what it already shows. */
  private JsonObject privately(CommandContext context, String name, String text, String clientMsgId) {
    vertx.eventBus().publish(Addresses.user(context.caller().userId()), new JsonObject()
      .put("type", EventTypes.COMMAND_OUTPUT).put("roomId", context.roomId()).put("command", name).put("text", text)
      .put("clientMsgId", clientMsgId));
    return new JsonObject().put("command", name).put("ephemeral", true).put("text", text);
  }
}
