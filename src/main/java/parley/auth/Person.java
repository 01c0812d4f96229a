package parley.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * Someone as the protocol names them wherever a person appears (an author, a quote's author, a member, a reader, an
 * announcement's sender): {@code {id, username, displayName, deactivated}}. A deactivated person keeps their id and
 * their messages, but only those who may reactivate them see their name ({@link #shownTo}).
 */
public record Person(long id, String username, String displayName, boolean deactivated) {

  /** What everyone else sees in place of a deactivated person's name. */
  public static final String MASKED_NAME = "Deactivated user";

  /**
   * The order of a list of people over {@code users u}: by name, the deactivated last by id, so that where someone
   * shown as {@link #MASKED_NAME} sits in a list says nothing of their name.
   */
  public static final String ORDER = "CASE WHEN u.deactivated_at IS NULL THEN lower(u.display_name) END, u.id";

  /** The columns {@link #fromRow} reads, over {@code users u}. */
  public static final String COLUMNS = "u.id, u.username, u.display_name, u.deactivated_at IS NOT NULL AS deactivated";

  /** From a row with {@code id}, {@code username}, {@code display_name} and {@code deactivated} ({@link #COLUMNS}). */
  public static Person fromRow(Row row) {
    return new Person(row.getLong("id"), row.getString("username"), row.getString("display_name"), row.getBoolean("deactivated"));
  }

  /**
   * The person as a viewer may see them: a deactivated person, to a viewer who does not see deactivated names
   * ({@code Grant.seesDeactivated}), is nameless: no username, {@link #MASKED_NAME} for a display name.
   */
  public Person shownTo(boolean seesDeactivated) {
    return deactivated && !seesDeactivated ? new Person(id, "", MASKED_NAME, true) : this;
  }

  /** As it is: mask it first with {@link #shownTo} unless the viewer may see it all. */
  public JsonObject toJson() {
    return new JsonObject().put("id", Long.toString(id)).put("username", username).put("displayName", displayName)
      .put("deactivated", deactivated);
  }

  public JsonObject toJson(boolean seesDeactivated) {
    return shownTo(seesDeactivated).toJson();
  }
}
