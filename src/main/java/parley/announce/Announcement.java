package parley.announce;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import parley.auth.Person;
import parley.bus.Times;

import java.time.OffsetDateTime;

/**
 * An announcement as one person sees it: a recipient with their own read and acknowledgement times, or the sender
 * (and those with {@code manage_announcements}) with the audience as chosen. {@code reactions} is
 * {@code [{emoji, count, mine}]}, in the order each emoji was first used. A deactivated sender shows by name only to
 * those who see deactivated people ({@link Person#shownTo}).
 */
record Announcement(long id, Person sender, String title, String body,
                    boolean requireAck, OffsetDateTime createdAt, OffsetDateTime withdrawnAt, JsonObject audience,
                    boolean recipient, OffsetDateTime readAt, OffsetDateTime ackedAt, JsonArray reactions) {

  /**
   * The select list {@link #fromRow} reads: announcements {@code a} joined to their sender {@code s}, and the viewer's
   * recipient row {@code r} (left joined for a sender's view); {@code $2} is the viewer.
   */
  static final String COLUMNS = """
    a.id, a.sender_id, s.username AS sender_username, s.display_name AS sender_display_name,
    s.deactivated_at IS NOT NULL AS sender_deactivated, a.title, a.body,
    a.require_ack, a.created_at, a.withdrawn_at, a.audience, r.user_id IS NOT NULL AS recipient, r.read_at, r.acked_at,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('emoji', x.emoji, 'count', x.count, 'mine', x.mine) ORDER BY x.first), '[]')
     FROM (SELECT emoji, count(*) AS count, bool_or(user_id = $2) AS mine, min(created_at) AS first
           FROM announcement_reactions WHERE announcement_id = a.id GROUP BY emoji) x) AS reactions
    """;

  static Announcement fromRow(Row row) {
    return new Announcement(row.getLong("id"), new Person(row.getLong("sender_id"), row.getString("sender_username"),
      row.getString("sender_display_name"), row.getBoolean("sender_deactivated")), row.getString("title"), row.getString("body"), row.getBoolean("require_ack"),
      row.getOffsetDateTime("created_at"), row.getOffsetDateTime("withdrawn_at"), (JsonObject) row.getValue("audience"),
      row.getBoolean("recipient"), row.getOffsetDateTime("read_at"), row.getOffsetDateTime("acked_at"), (JsonArray) row.getValue("reactions"));
  }

  long senderId() {
    return sender.id();
  }

  /** As a recipient sees it. */
  JsonObject toJson(boolean seesDeactivated) {
    return new JsonObject().put("id", Long.toString(id))
      .put("sender", sender.toJson(seesDeactivated))
      .put("title", title).put("body", body).put("requireAck", requireAck).put("createdAt", Times.iso(createdAt))
      .put("readAt", Times.iso(readAt)).put("ackedAt", Times.iso(ackedAt)).put("reactions", reactions);
  }

  /** As its sender sees it: what a recipient sees, with the audience as chosen and whether it was withdrawn. */
  JsonObject toSenderJson(boolean seesDeactivated) {
    return toJson(seesDeactivated).put("audience", audience).put("withdrawnAt", Times.iso(withdrawnAt));
  }

  /** As the viewer it was read for sees it: a recipient's view while it stands, else its sender's (or a manager's). */
  JsonObject toViewerJson(boolean seesDeactivated) {
    return recipient && withdrawnAt == null ? toJson(seesDeactivated) : toSenderJson(seesDeactivated);
  }

  /** What each recipient is told when it is sent: nobody has read or reacted yet. */
  JsonObject toNewJson() {
    return toJson(false).put("readAt", null).put("ackedAt", null).put("reactions", new JsonArray());
  }
}
