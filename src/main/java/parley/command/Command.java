package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.role.Grant;
import parley.role.Permission;

/**
 * A slash command. It declares what {@code /help} shows and the permission the commands verticle checks before
 * running it; it acts only through the services its REST twin uses, which check again.
 */
public interface Command {

  /** What follows the slash, in lower case. */
  String name();

  /** The usage line, such as {@code /kick <username>}; the answer when the arguments do not fit it. */
  String usage();

  /** One sentence for {@code /help}. */
  String description();

  /** What the caller's role must allow; null when any member of the room may run it. */
  Permission permission();

  Future<CommandResult> run(CommandContext context);

  default boolean allowedFor(Grant grant) {
    return permission() == null || grant.has(permission());
  }

  /** How {@code GET /api/commands} lists it: {@code {name, usage, description, permission}}, permission null when none. */
  default JsonObject toJson() {
    return new JsonObject().put("name", name()).put("usage", usage()).put("description", description())
      .put("permission", permission() == null ? null : permission().apiName());
  }
}
