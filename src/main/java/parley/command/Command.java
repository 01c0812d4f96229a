package parley.command;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.role.Grant;
import parley.role.Permission;

/**
 * A slash command. It declares what {@code /help} shows and the permission the commands verticle checks before
 * running it; it acts only through the services its REST twin uses, which check again.
 */
public abstract class Command {

  private final String name;
  private final String usage;
  private final String description;
  private final Permission permission;

  /**
   * @param name        what follows the slash, in lower case
   * @param usage       the usage line, such as {@code /kick <username>}; the answer when the arguments do not fit it
   * @param description one sentence for {@code /help}
   * @param permission  what the caller's role must allow; null when any member of the room may run it
   */
  protected Command(String name, String usage, String description, Permission permission) {
    this.name = name;
    this.usage = usage;
    this.description = description;
    this.permission = permission;
  }

  public final String name() {
    return name;
  }

  public final String usage() {
    return usage;
  }

  public final String description() {
    return description;
  }

  public final Permission permission() {
    return permission;
  }

  public abstract Future<CommandResult> run(CommandContext context);

  public final boolean allowedFor(Grant grant) {
    return permission == null || grant.has(permission);
  }

  /** How {@code GET /api/commands} lists it: {@code {name, usage, description, permission}}, permission null when none. */
  public final JsonObject toJson() {
    return new JsonObject().put("name", name).put("usage", usage).put("description", description)
      .put("permission", permission == null ? null : permission.apiName());
  }
}
