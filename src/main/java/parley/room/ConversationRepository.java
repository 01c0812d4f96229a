package parley.room;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;

import java.util.ArrayList;
import java.util.List;

/** DMs and groups in PostgreSQL: creating them and finding their people; every query is scoped to the tenant. */
final class ConversationRepository {

  /** Does nothing when the pair already has a DM: the unique index on dm_key decides, even between racing requests. */
  private static final String INSERT_DM = """
    INSERT INTO rooms AS r (tenant_id, kind, name, private, dm_key, created_by) VALUES ($1, 'dm', '', true, $2, $3)
    ON CONFLICT (tenant_id, dm_key) WHERE dm_key IS NOT NULL DO NOTHING
    RETURNING %s""".formatted(Room.COLUMNS);

  private static final String DM_BY_KEY = "SELECT %s FROM rooms r WHERE r.tenant_id = $1 AND r.dm_key = $2".formatted(Room.COLUMNS);

  private static final String INSERT_GROUP = """
    INSERT INTO rooms AS r (tenant_id, kind, name, private, created_by) VALUES ($1, 'group', $2, true, $3)
    RETURNING %s""".formatted(Room.COLUMNS);

  private static final String ADD_MEMBERS = """
    INSERT INTO room_members (room_id, user_id, tenant_id) SELECT $2, unnest($3::bigint[]), $1
    ON CONFLICT DO NOTHING""";

  private static final String USERS = """
    SELECT %s FROM users u WHERE u.tenant_id = $1 AND u.id = ANY($2) AND u.deactivated_at IS NULL
    ORDER BY lower(u.display_name), u.id""".formatted(Person.COLUMNS);

  private ConversationRepository() {
  }

  /** The same key for (a, b) and (b, a). */
  static String dmKey(long one, long other) {
    return Math.min(one, other) + ":" + Math.max(one, other);
  }

  /** The new DM with both people in it, or null when the pair has one already. Run it in a transaction. */
  static Future<Room> insertDm(SqlClient sql, long tenantId, long creatorId, long otherId) {
    return sql.preparedQuery(INSERT_DM).execute(Tuple.of(tenantId, dmKey(creatorId, otherId), creatorId))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(null);
        }
        Room room = Room.fromRow(rows.iterator().next());
        return addMembers(sql, tenantId, room.id(), List.of(creatorId, otherId)).map(added -> room);
      });
  }

  static Future<Room> dm(SqlClient sql, long tenantId, long one, long other) {
    return sql.preparedQuery(DM_BY_KEY).execute(Tuple.of(tenantId, dmKey(one, other)))
      .map(rows -> rows.size() == 0 ? null : Room.fromRow(rows.iterator().next()));
  }

  /** The new group with all its people in it. Run it in a transaction. */
  static Future<Room> insertGroup(SqlClient sql, long tenantId, long creatorId, String name, List<Long> memberIds) {
    return sql.preparedQuery(INSERT_GROUP).execute(Tuple.of(tenantId, name, creatorId))
      .map(rows -> Room.fromRow(rows.iterator().next()))
      .compose(room -> addMembers(sql, tenantId, room.id(), memberIds).map(added -> room));
  }

  /** Those of the ids that are active people of this tenant; ids from elsewhere, and the deactivated, are simply not found. */
  static Future<List<Person>> users(SqlClient sql, long tenantId, List<Long> ids) {
    return sql.preparedQuery(USERS).execute(Tuple.tuple().addLong(tenantId).addArrayOfLong(ids.toArray(Long[]::new)))
      .map(rows -> {
        List<Person> users = new ArrayList<>();
        rows.forEach(row -> users.add(Person.fromRow(row)));
        return users;
      });
  }

  private static Future<Void> addMembers(SqlClient sql, long tenantId, long roomId, List<Long> userIds) {
    return sql.preparedQuery(ADD_MEMBERS).execute(Tuple.tuple().addLong(tenantId).addLong(roomId)
      .addArrayOfLong(userIds.toArray(Long[]::new))).mapEmpty();
  }
}
