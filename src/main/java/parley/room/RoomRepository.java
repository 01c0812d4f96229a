package parley.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;
import parley.read.UnreadCounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rooms and memberships in PostgreSQL; every query is scoped to the caller's tenant. */
final class RoomRepository {

  /** With the caller's read cursor and what it leaves unread (see UnreadCounts). */
  private static final String JOINED = """
    SELECT %s, m.read_seq, counts.unread, counts.mentions FROM rooms r JOIN room_members m ON m.room_id = r.id %s
    WHERE r.tenant_id = $1 AND m.user_id = $2
    ORDER BY r.is_default DESC, r.kind <> 'channel', lower(r.name), r.id""".formatted(Room.COLUMNS, UnreadCounts.join("m", "counts"));

  private static final String BROWSE = """
    SELECT %s, (m.user_id IS NOT NULL) AS joined,
           (SELECT count(*) FROM room_members c WHERE c.room_id = r.id) AS member_count
    FROM rooms r LEFT JOIN room_members m ON m.room_id = r.id AND m.user_id = $2
    WHERE r.tenant_id = $1 AND r.kind = 'channel' AND NOT r.private
    ORDER BY lower(r.name)""".formatted(Room.COLUMNS);

  private static final String FIND = """
    SELECT %s, EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = $3) AS member
    FROM rooms r WHERE r.tenant_id = $1 AND r.id = $2""".formatted(Room.COLUMNS);

  /**
   * Each room's tenant and members, whatever its tenant: what {@link RoomMembers} keeps for the whole node, answering
   * each asker for their own tenant only.
   */
  private static final String ROSTERS = """
    SELECT r.id, r.tenant_id, ARRAY(SELECT m.user_id FROM room_members m WHERE m.room_id = r.id) AS members
    FROM rooms r WHERE r.id = ANY($1)""";

  /** Of these rooms, those in the tenant, and whether the user is in each. */
  private static final String ACCESS = """
    SELECT r.id, EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = $2) AS member
    FROM rooms r WHERE r.tenant_id = $1 AND r.id = ANY($3)""";

  private static final String INSERT = """
    INSERT INTO rooms AS r (tenant_id, name, description, private, created_by, name_skeletons) VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING %s""".formatted(Room.COLUMNS);

  private static final String LOCK_TENANT = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";

  private static final String LOOKALIKE =
    "SELECT name FROM rooms WHERE tenant_id = $1 AND kind = 'channel' AND name_skeletons && $2 LIMIT 1";

  /** Someone new to a room starts with everything before it read. */
  private static final String ADD_MEMBER = """
    INSERT INTO room_members (room_id, user_id, tenant_id, read_seq)
    SELECT id, $3, $1, last_seq FROM rooms WHERE tenant_id = $1 AND id = $2
    ON CONFLICT DO NOTHING RETURNING room_id""";

  private static final String REMOVE_MEMBER =
    "DELETE FROM room_members WHERE tenant_id = $1 AND room_id = $2 AND user_id = $3 RETURNING room_id";

  private static final String DELETE_MEMBERS =
    "DELETE FROM room_members WHERE tenant_id = $1 AND room_id = $2 RETURNING user_id";

  private static final String DELETE = "DELETE FROM rooms WHERE tenant_id = $1 AND id = $2 RETURNING id";

  private static final String SET_TOPIC = """
    UPDATE rooms r SET topic = $3 WHERE tenant_id = $1 AND id = $2 RETURNING %s""".formatted(Room.COLUMNS);

  private static final String MEMBERS = """
    SELECT %s, r.name AS role, m.read_seq FROM room_members m JOIN users u ON u.id = m.user_id
    JOIN roles r ON r.id = u.role_id
    WHERE m.tenant_id = $1 AND m.room_id = $2
    ORDER BY %s""".formatted(Person.COLUMNS, Person.ORDER);

  private static final String CONVERSATION_MEMBERS = """
    SELECT m.room_id, %s FROM room_members m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = $1 AND m.room_id = ANY($2)
    ORDER BY %s""".formatted(Person.COLUMNS, Person.ORDER);

  private static final String LOCK = "SELECT id FROM rooms WHERE tenant_id = $1 AND id = $2 FOR UPDATE";

  private static final String MEMBER_COUNT = "SELECT count(*) AS n FROM room_members WHERE tenant_id = $1 AND room_id = $2";

  /** A room as one user sees it: null when it does not exist in their tenant. */
  record Seen(Room room, boolean member) {
  }

  /** A room's tenant and members, as {@link #rosters} read them. */
  record Roster(long tenantId, Long[] members) {
  }

  /** One of the caller's rooms, with their read cursor in it and what that leaves unread. */
  record Joined(Room room, long readSeq, long unread, long mentions) {
    Joined with(Room filledIn) {
      return new Joined(filledIn, readSeq, unread, mentions);
    }

    JsonObject toJson(boolean seesDeactivated) {
      return room.toJson(seesDeactivated).put("readSeq", readSeq).put("unread", unread).put("mentions", mentions);
    }
  }

  /** The caller's rooms: the default room, channels by name, then DMs and groups (members not filled in yet). */
  static Future<List<Joined>> joined(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(JOINED).execute(Tuple.of(tenantId, userId)).map(rows -> {
      List<Joined> rooms = new ArrayList<>();
      rows.forEach(row -> rooms.add(new Joined(Room.fromRow(row), row.getLong("read_seq"), row.getLong("unread"),
        row.getLong("mentions"))));
      return rooms;
    });
  }

  /** The rooms with the members of each DM and group filled in, in one query; channels are left as they are. */
  static Future<List<Room>> withMembers(SqlClient sql, long tenantId, List<Room> rooms) {
    Long[] conversations = rooms.stream().filter(room -> !room.isChannel()).map(Room::id).toArray(Long[]::new);
    if (conversations.length == 0) {
      return Future.succeededFuture(rooms);
    }
    return sql.preparedQuery(CONVERSATION_MEMBERS).execute(Tuple.tuple().addLong(tenantId).addArrayOfLong(conversations))
      .map(rows -> {
        Map<Long, List<Person>> members = new HashMap<>();
        rows.forEach(row -> members.computeIfAbsent(row.getLong("room_id"), id -> new ArrayList<>())
          .add(Person.fromRow(row)));
        return rooms.stream().map(room -> room.isChannel() ? room : room.withMembers(members.getOrDefault(room.id(), List.of()))).toList();
      });
  }

  static Future<Room> withMembers(SqlClient sql, long tenantId, Room room) {
    return withMembers(sql, tenantId, List.of(room)).map(rooms -> rooms.get(0));
  }

  /** Locks the room until the transaction ends and counts its members, so two additions cannot both pass a size check. */
  static Future<Long> lockAndCountMembers(SqlClient sql, long tenantId, long roomId) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(tenantId, roomId))
      .compose(locked -> sql.preparedQuery(MEMBER_COUNT).execute(Tuple.of(tenantId, roomId)))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  static Future<JsonArray> browse(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(BROWSE).execute(Tuple.of(tenantId, userId)).map(rows -> {
      JsonArray rooms = new JsonArray();
      rows.forEach(row -> rooms.add(Room.fromRow(row).toJson()
        .put("joined", row.getBoolean("joined")).put("memberCount", row.getLong("member_count"))));
      return rooms;
    });
  }

  static Future<Seen> find(SqlClient sql, long tenantId, long roomId, long userId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(tenantId, roomId, userId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Seen(Room.fromRow(row), row.getBoolean("member"));
    });
  }

  /** The rosters of those of {@code roomIds} that exist, by room id. */
  static Future<Map<Long, Roster>> rosters(SqlClient sql, Set<Long> roomIds) {
    return sql.preparedQuery(ROSTERS).execute(Tuple.tuple().addArrayOfLong(roomIds.toArray(Long[]::new))).map(rows -> {
      Map<Long, Roster> rosters = new HashMap<>();
      rows.forEach(row -> rosters.put(row.getLong("id"), new Roster(row.getLong("tenant_id"), row.getArrayOfLongs("members"))));
      return rosters;
    });
  }

  /** The user's access to each of {@code roomIds}, straight from the database. */
  static Future<Map<Long, Access>> access(SqlClient sql, long tenantId, long userId, Set<Long> roomIds) {
    return sql.preparedQuery(ACCESS).execute(Tuple.tuple().addLong(tenantId).addLong(userId).addArrayOfLong(roomIds.toArray(Long[]::new)))
      .map(rows -> {
        Map<Long, Access> access = new HashMap<>();
        roomIds.forEach(roomId -> access.put(roomId, Access.NO_ROOM));
        rows.forEach(row -> access.put(row.getLong("id"), row.getBoolean("member") ? Access.MEMBER : Access.NOT_MEMBER));
        return access;
      });
  }

  /** {@code skeletons}: the name's, see {@link #lookalike}. */
  static Future<Room> insert(SqlClient sql, long tenantId, String name, String[] skeletons, String description,
                             boolean isPrivate, long creatorId) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(tenantId, name, description, isPrivate, creatorId).addArrayOfString(skeletons))
      .map(rows -> Room.fromRow(rows.iterator().next()));
  }

  /** Locks the tenant until the transaction ends, so that two look-alike channels cannot be made at once. */
  static Future<Void> lockTenant(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenantId)).mapEmpty();
  }

  /** The name of a channel of the tenant whose name has one of these {@link parley.name.Skeletons skeletons}, or null. */
  static Future<String> lookalike(SqlClient sql, long tenantId, String[] skeletons) {
    return sql.preparedQuery(LOOKALIKE).execute(Tuple.of(tenantId).addArrayOfString(skeletons))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("name"));
  }

  /** True when the user was not a member before. */
  static Future<Boolean> addMember(SqlClient sql, long tenantId, long roomId, long userId) {
    return sql.preparedQuery(ADD_MEMBER).execute(Tuple.of(tenantId, roomId, userId)).map(rows -> rows.size() > 0);
  }

  /** True when the user was a member. */
  static Future<Boolean> removeMember(SqlClient sql, long tenantId, long roomId, long userId) {
    return sql.preparedQuery(REMOVE_MEMBER).execute(Tuple.of(tenantId, roomId, userId)).map(rows -> rows.size() > 0);
  }

  /** Deletes the room and its history; answers who were its members. Run it in a transaction. */
  static Future<List<Long>> delete(SqlClient sql, long tenantId, long roomId) {
    List<Long> members = new ArrayList<>();
    // The room row first, as every change of its history takes it first: a deletion cannot deadlock with a send.
    return sql.preparedQuery(LOCK).execute(Tuple.of(tenantId, roomId))
      .compose(locked -> sql.preparedQuery(DELETE_MEMBERS).execute(Tuple.of(tenantId, roomId)))
      .compose(rows -> {
        rows.forEach(row -> members.add(row.getLong("user_id")));
        return sql.preparedQuery(DELETE).execute(Tuple.of(tenantId, roomId));
      })
      .map(deleted -> members);
  }

  static Future<Room> setTopic(SqlClient sql, long tenantId, long roomId, String topic) {
    return sql.preparedQuery(SET_TOPIC).execute(Tuple.of(tenantId, roomId, topic)).map(rows -> Room.fromRow(rows.iterator().next()));
  }

  /** The room's members as a viewer sees them: deactivated ones by name only when they {@code seesDeactivated}. */
  static Future<JsonArray> members(SqlClient sql, long tenantId, long roomId, boolean seesDeactivated) {
    return sql.preparedQuery(MEMBERS).execute(Tuple.of(tenantId, roomId)).map(rows -> {
      JsonArray members = new JsonArray();
      rows.forEach(row -> members.add(Person.fromRow(row).toJson(seesDeactivated)
        .put("role", row.getString("role"))
        .put("readSeq", row.getLong("read_seq"))));
      return members;
    });
  }
}
