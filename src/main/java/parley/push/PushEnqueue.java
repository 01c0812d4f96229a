package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;
import parley.bus.Fields;
import parley.presence.Connected;
import parley.room.RoomMembers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Puts what is new into the outbox for the people who want it pushed and have no live connection anywhere. Only
 * people with a device are considered at all, so a message to a room of thousands costs little when few have one, and
 * one to a room where no member has one costs no statement at all ({@link DeviceOwners}, {@link RoomMembers}).
 * When presence cannot tell who is connected, everyone who wants it gets it: a push too many beats a missed one.
 */
final class PushEnqueue {

  /**
   * The room, with a row per member other than the author who has a device (none: the member columns are null),
   * in one statement, as it runs for every message. A deactivated person's devices get nothing: they left; nor do
   * those of someone on vacation, which silences messages as do-not-disturb does (a connected person gets no push).
   */
  private static final String MEMBERS = """
    SELECT r.kind, r.name, p.user_id, p.level, p.previews, p.room_level
    FROM rooms r LEFT JOIN LATERAL (
      SELECT m.user_id, coalesce(ps.level, 'direct') AS level, coalesce(ps.previews, true) AS previews,
             rl.level AS room_level
      FROM room_members m JOIN users u ON u.id = m.user_id AND u.deactivated_at IS NULL
      LEFT JOIN push_settings ps ON ps.user_id = m.user_id
      LEFT JOIN push_room_levels rl ON rl.user_id = m.user_id AND rl.room_id = m.room_id
      WHERE m.room_id = r.id AND m.user_id <> $3 AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = m.user_id)
        AND NOT EXISTS (SELECT 1 FROM chosen_presence cp WHERE cp.tenant_id = r.tenant_id AND cp.user_id = m.user_id
          AND cp.state = 'vacation' AND (cp.until IS NULL OR cp.until > now()))
    ) p ON true
    WHERE r.tenant_id = $1 AND r.id = $2""";
  private static final String RECIPIENTS = """
    SELECT r.user_id, coalesce(ps.level, 'direct') AS level, coalesce(ps.previews, true) AS previews, NULL::text AS room_level
    FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
    JOIN users u ON u.id = r.user_id AND u.deactivated_at IS NULL LEFT JOIN push_settings ps ON ps.user_id = r.user_id
    WHERE a.tenant_id = $1 AND r.announcement_id = $2 AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = r.user_id)""";

  private final Vertx vertx;
  private final SqlClient sql;
  private final RoomMembers members;
  private final DeviceOwners owners;

  PushEnqueue(Vertx vertx, SqlClient sql, DeviceOwners owners) {
    this.vertx = vertx;
    this.sql = sql;
    this.members = RoomMembers.of(vertx);
    this.owners = owners;
  }

  /** {@code {roomId, messageId, authorId, authorName, preview, mentions, mentionsRoom}}: a message was stored. */
  Future<JsonObject> message(long tenantId, JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    long messageId = Fields.id(body.getValue("messageId"));
    long authorId = Fields.id(body.getValue("authorId"));
    String authorName = Fields.string(body, "authorName", ApiError.INVALID_REQUEST);
    String preview = Fields.string(body, "preview", ApiError.INVALID_REQUEST);
    Set<Long> named = new HashSet<>(ids(body.getJsonArray("mentions", new JsonArray())));
    boolean mentionsRoom = body.getBoolean("mentionsRoom", false);
    // Should the members not be read, the statement below decides as it did before.
    return members.members(sql, tenantId, roomId).otherwiseEmpty()
      .compose(known -> known != null && !owners.anyAmong(known, authorId)
        ? Future.succeededFuture(0L)
        : sql.preparedQuery(MEMBERS).execute(Tuple.of(tenantId, roomId, authorId)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0L);
          }
          Row room = rows.iterator().next();
          String kind = room.getString("kind");
          String name = room.getString("name");
          boolean direct = !kind.equals("channel");
          List<PushAudience.Candidate> wanting = candidates(rows,
            candidate -> PushAudience.wantsMessage(candidate, direct, named.contains(candidate.userId()), mentionsRoom));
          return offline(tenantId, wanting)
            .compose(offline -> enqueue(tenantId, offline, "message:" + messageId, withPreview -> PushPayloads.message(roomId, messageId,
              kind, name, authorName, preview, withPreview, direct || mentionsRoom || !named.isEmpty())));
        }))
      .map(PushEnqueue::queued);
  }

  /** {@code {announcementId, title, body, senderName}}: an announcement was sent. */
  Future<JsonObject> announcement(long tenantId, JsonObject body) {
    long announcementId = Fields.id(body.getValue("announcementId"));
    String title = Fields.string(body, "title", ApiError.INVALID_REQUEST);
    String text = Fields.string(body, "body", ApiError.INVALID_REQUEST);
    String senderName = Fields.string(body, "senderName", ApiError.INVALID_REQUEST);
    return sql.preparedQuery(RECIPIENTS).execute(Tuple.of(tenantId, announcementId))
      .map(rows -> candidates(rows, PushAudience::wantsAnnouncement))
      .compose(wanting -> offline(tenantId, wanting))
      .compose(offline -> enqueue(tenantId, offline, "announcement:" + announcementId,
        withPreview -> PushPayloads.announcement(announcementId, title, senderName, text, withPreview)))
      .map(PushEnqueue::queued);
  }

  private static List<PushAudience.Candidate> candidates(RowSet<Row> rows, Predicate<PushAudience.Candidate> wants) {
    List<PushAudience.Candidate> wanting = new ArrayList<>();
    rows.forEach(row -> {
      if (row.getLong("user_id") == null) {
        return;
      }
      PushAudience.Candidate candidate = new PushAudience.Candidate(row.getLong("user_id"), row.getString("level"),
        row.getBoolean("previews"), row.getString("room_level"));
      if (wants.test(candidate)) {
        wanting.add(candidate);
      }
    });
    return wanting;
  }

  /** Those with no live connection on any node. */
  private Future<List<PushAudience.Candidate>> offline(long tenantId, List<PushAudience.Candidate> candidates) {
    return Connected.among(vertx, tenantId, candidates.stream().map(PushAudience.Candidate::userId).toList())
      .map(connected -> candidates.stream().filter(candidate -> !connected.contains(candidate.userId())).toList())
      .otherwise(unknown -> candidates);
  }

  /** One payload for those who want previews, one for those who do not. */
  private Future<Long> enqueue(long tenantId, List<PushAudience.Candidate> people, String itemKey, Function<Boolean, JsonObject> payload) {
    List<Long> withPreview = people.stream().filter(PushAudience.Candidate::previews).map(PushAudience.Candidate::userId).toList();
    List<Long> without = people.stream().filter(person -> !person.previews()).map(PushAudience.Candidate::userId).toList();
    // The tag lets a device replace a notification it shows already, should the same item come twice.
    return Outbox.enqueue(sql, tenantId, withPreview, itemKey, payload.apply(true).put("tag", itemKey))
      .compose(first -> Outbox.enqueue(sql, tenantId, without, itemKey, payload.apply(false).put("tag", itemKey))
        .map(second -> first + second));
  }

  private static List<Long> ids(JsonArray ids) {
    return ids.stream().map(Fields::id).toList();
  }

  private static JsonObject queued(long count) {
    return new JsonObject().put("queued", count);
  }
}
