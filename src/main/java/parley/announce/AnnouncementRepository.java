package parley.announce;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;

import java.util.ArrayList;
import java.util.List;

/** Announcements, their recipients and their reactions. Every statement is scoped to a tenant or to rows of one. */
final class AnnouncementRepository {

  private static final String FROM = " FROM announcements a JOIN users s ON s.id = a.sender_id"
    + " LEFT JOIN announcement_recipients r ON r.announcement_id = a.id AND r.user_id = $2 ";
  private static final String FIND = "SELECT " + Announcement.COLUMNS + FROM + "WHERE a.tenant_id = $1 AND a.id = $3";
  private static final String UNREAD = "SELECT " + Announcement.COLUMNS + FROM
    + "WHERE a.tenant_id = $1 AND r.user_id IS NOT NULL AND r.read_at IS NULL AND a.withdrawn_at IS NULL ORDER BY a.id DESC LIMIT $3";
  private static final String READ = "SELECT " + Announcement.COLUMNS + FROM
    + "WHERE a.tenant_id = $1 AND r.read_at IS NOT NULL AND a.withdrawn_at IS NULL AND a.id < $3 ORDER BY a.id DESC LIMIT $4";
  private static final String AWAITING_ACK = "SELECT " + Announcement.COLUMNS + FROM
    + "WHERE a.tenant_id = $1 AND r.user_id IS NOT NULL AND a.require_ack AND r.acked_at IS NULL AND a.withdrawn_at IS NULL"
    + " ORDER BY a.id DESC LIMIT $3";
  private static final String SENT = "SELECT " + Announcement.COLUMNS + """
    , (SELECT jsonb_build_object('recipients', count(*), 'delivered', count(x.delivered_at), 'read', count(x.read_at),
         'acknowledged', count(x.acked_at)) FROM announcement_recipients x WHERE x.announcement_id = a.id) AS counts""" + FROM
    + "WHERE a.tenant_id = $1 AND ($5 OR a.sender_id = $2) AND a.id < $3 ORDER BY a.id DESC LIMIT $4";
  private static final String UNREAD_COUNT = """
    SELECT count(*) FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
    WHERE a.tenant_id = $1 AND r.user_id = $2 AND r.read_at IS NULL AND a.withdrawn_at IS NULL""";
  private static final String INSERT = """
    INSERT INTO announcements (tenant_id, sender_id, title, body, require_ack, audience) VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id""";
  private static final String KNOWN = """
    SELECT (SELECT count(*) FROM users WHERE tenant_id = $1 AND id = ANY ($2)) = cardinality($2)
       AND (SELECT count(*) FROM roles WHERE tenant_id = $1 AND id = ANY ($3)) = cardinality($3)
       AND (SELECT count(*) FROM rooms WHERE tenant_id = $1 AND kind = 'channel' AND id = ANY ($4)) = cardinality($4) AS known""";
  // UNION counts a person reached twice (a role and a room, say) once.
  private static final String RESOLVE = """
    INSERT INTO announcement_recipients (announcement_id, user_id)
    SELECT $5, id FROM (
      SELECT id FROM users WHERE tenant_id = $1 AND $6
      UNION SELECT id FROM users WHERE tenant_id = $1 AND id = ANY ($2)
      UNION SELECT id FROM users WHERE tenant_id = $1 AND role_id = ANY ($3)
      UNION SELECT m.user_id FROM room_members m JOIN rooms ro ON ro.id = m.room_id
            WHERE ro.tenant_id = $1 AND ro.kind = 'channel' AND m.room_id = ANY ($4)) chosen
    WHERE id <> $7
    RETURNING user_id""";
  private static final String DELIVERED = """
    UPDATE announcement_recipients SET delivered_at = now()
    WHERE announcement_id = $1 AND user_id = ANY ($2) AND delivered_at IS NULL""";
  private static final String ALL_DELIVERED = """
    UPDATE announcement_recipients SET delivered_at = now() WHERE user_id = $1 AND delivered_at IS NULL""";
  private static final String MARK = """
    UPDATE announcement_recipients r SET delivered_at = coalesce(r.delivered_at, now()), read_at = coalesce(r.read_at, now()),
      acked_at = CASE WHEN $4 THEN coalesce(r.acked_at, now()) ELSE r.acked_at END
    FROM announcements a WHERE a.id = r.announcement_id AND a.tenant_id = $1 AND r.user_id = $2 AND r.announcement_id = $3
      AND a.withdrawn_at IS NULL""";
  private static final String REACT = """
    INSERT INTO announcement_reactions (announcement_id, user_id, emoji)
    SELECT $1, $2, $3 WHERE (SELECT count(DISTINCT emoji) FROM announcement_reactions WHERE announcement_id = $1
                             AND emoji <> $3) < $4
    ON CONFLICT DO NOTHING""";
  private static final String UNREACT = "DELETE FROM announcement_reactions WHERE announcement_id = $1 AND user_id = $2 AND emoji = $3";
  private static final String RECIPIENTS = "SELECT user_id FROM announcement_recipients WHERE announcement_id = $1";
  private static final String STATS = """
    SELECT count(*) AS recipients, count(delivered_at) AS delivered, count(read_at) AS read, count(acked_at) AS acknowledged
    FROM announcement_recipients WHERE announcement_id = $1""";
  private static final String NOT_READ = """
    SELECT %s FROM announcement_recipients r JOIN users u ON u.id = r.user_id
    WHERE r.announcement_id = $1 AND r.read_at IS NULL AND r.user_id > $2 ORDER BY r.user_id LIMIT $3""".formatted(Person.COLUMNS);
  private static final String WITHDRAW = """
    UPDATE announcements SET withdrawn_at = now() WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL""";

  private AnnouncementRepository() {
  }

  static Future<Long> insert(SqlClient sql, long tenantId, long senderId, String title, String body, boolean requireAck,
                             Audience audience) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(tenantId, senderId, title, body, requireAck, audience.toJson()))
      .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Whether every person, role and channel named is one of the tenant's. */
  static Future<Boolean> known(SqlClient sql, long tenantId, Audience audience) {
    return sql.preparedQuery(KNOWN).execute(Tuple.of(tenantId, ids(audience.userIds()), ids(audience.roleIds()), ids(audience.roomIds())))
      .map(rows -> rows.iterator().next().getBoolean("known"));
  }

  /** Makes the recipient rows, the sender excepted; answers who they are. */
  static Future<List<Long>> resolve(SqlClient sql, long tenantId, long announcementId, long senderId, Audience audience) {
    return sql.preparedQuery(RESOLVE).execute(Tuple.from(List.of(tenantId, ids(audience.userIds()), ids(audience.roleIds()),
        ids(audience.roomIds()), announcementId, audience.all(), senderId)))
      .map(AnnouncementRepository::userIds);
  }

  static Future<Announcement> find(SqlClient sql, long tenantId, long viewerId, long announcementId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(tenantId, viewerId, announcementId))
      .map(rows -> rows.size() == 0 ? null : Announcement.fromRow(rows.iterator().next()));
  }

  static Future<List<Announcement>> unread(SqlClient sql, long tenantId, long userId, int limit) {
    return sql.preparedQuery(UNREAD).execute(Tuple.of(tenantId, userId, limit)).map(AnnouncementRepository::announcements);
  }

  static Future<List<Announcement>> read(SqlClient sql, long tenantId, long userId, long before, int limit) {
    return sql.preparedQuery(READ).execute(Tuple.of(tenantId, userId, before, limit)).map(AnnouncementRepository::announcements);
  }

  /** Not acknowledged yet where the sender asked for it, read or not, newest first. */
  static Future<List<Announcement>> awaitingAck(SqlClient sql, long tenantId, long userId, int limit) {
    return sql.preparedQuery(AWAITING_ACK).execute(Tuple.of(tenantId, userId, limit)).map(AnnouncementRepository::announcements);
  }

  /**
   * Those {@code senderId} sent, or (with {@code everyone}) all the tenant's, newest first, as their sender sees
   * them, each with its {@code counts}.
   */
  static Future<List<JsonObject>> sent(SqlClient sql, long tenantId, long senderId, boolean everyone, long before, int limit,
                                       boolean seesDeactivated) {
    return sql.preparedQuery(SENT).execute(Tuple.of(tenantId, senderId, before, limit, everyone)).map(rows -> {
      List<JsonObject> sent = new ArrayList<>(rows.size());
      rows.forEach(row -> sent.add(Announcement.fromRow(row).toSenderJson(seesDeactivated).put("counts", row.getValue("counts"))));
      return sent;
    });
  }

  static Future<Long> unreadCount(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(UNREAD_COUNT).execute(Tuple.of(tenantId, userId)).map(rows -> rows.iterator().next().getLong(0));
  }

  static Future<Void> delivered(SqlClient sql, long announcementId, List<Long> userIds) {
    return sql.preparedQuery(DELIVERED).execute(Tuple.from(List.of(announcementId, ids(userIds)))).mapEmpty();
  }

  static Future<Void> allDelivered(SqlClient sql, long userId) {
    return sql.preparedQuery(ALL_DELIVERED).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Marks it read (and acknowledged, with {@code ack}) for a recipient; false when they are not one, or it was withdrawn. */
  static Future<Boolean> mark(SqlClient sql, long tenantId, long userId, long announcementId, boolean ack) {
    return sql.preparedQuery(MARK).execute(Tuple.of(tenantId, userId, announcementId, ack)).map(rows -> rows.rowCount() == 1);
  }

  /** Adds or removes the reaction; false when adding would exceed {@code maxEmoji} different emoji. */
  static Future<Boolean> react(SqlClient sql, long announcementId, long userId, String emoji, boolean on, int maxEmoji) {
    if (!on) {
      return sql.preparedQuery(UNREACT).execute(Tuple.of(announcementId, userId, emoji)).map(rows -> true);
    }
    return sql.preparedQuery(REACT).execute(Tuple.of(announcementId, userId, emoji, maxEmoji))
      .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(true) : mine(sql, announcementId, userId, emoji));
  }

  private static Future<Boolean> mine(SqlClient sql, long announcementId, long userId, String emoji) {
    return sql.preparedQuery("SELECT 1 FROM announcement_reactions WHERE announcement_id = $1 AND user_id = $2 AND emoji = $3")
      .execute(Tuple.of(announcementId, userId, emoji)).map(rows -> rows.size() == 1);
  }

  static Future<List<Long>> recipients(SqlClient sql, long announcementId) {
    return sql.preparedQuery(RECIPIENTS).execute(Tuple.of(announcementId)).map(AnnouncementRepository::userIds);
  }

  static Future<Row> stats(SqlClient sql, long announcementId) {
    return sql.preparedQuery(STATS).execute(Tuple.of(announcementId)).map(rows -> rows.iterator().next());
  }

  /** Recipients who have not read it, by user id, after {@code afterUserId}. */
  static Future<List<Person>> notRead(SqlClient sql, long announcementId, long afterUserId, int limit) {
    return sql.preparedQuery(NOT_READ).execute(Tuple.of(announcementId, afterUserId, limit)).map(rows -> {
      List<Person> people = new ArrayList<>(rows.size());
      rows.forEach(row -> people.add(Person.fromRow(row)));
      return people;
    });
  }

  static Future<Boolean> withdraw(SqlClient sql, long tenantId, long announcementId) {
    return sql.preparedQuery(WITHDRAW).execute(Tuple.of(tenantId, announcementId)).map(rows -> rows.rowCount() == 1);
  }

  private static Long[] ids(List<Long> ids) {
    return ids.toArray(Long[]::new);
  }

  private static List<Long> userIds(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    rows.forEach(row -> ids.add(row.getLong("user_id")));
    return ids;
  }

  private static List<Announcement> announcements(RowSet<Row> rows) {
    List<Announcement> found = new ArrayList<>(rows.size());
    rows.forEach(row -> found.add(Announcement.fromRow(row)));
    return found;
  }
}
