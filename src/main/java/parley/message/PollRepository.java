package parley.message;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Votes and closing of polls; run inside a transaction that holds the room's lock (ChangeRepository.lockRoom). */
final class PollRepository {

  private static final String MEMBERS = "SELECT user_id FROM room_members WHERE room_id = $1 AND user_id = ANY ($2)";

  private static final String CHOICES = """
    SELECT user_id, array_agg(option_id ORDER BY option_id) AS options FROM poll_votes
    WHERE message_id = $1 AND user_id = ANY ($2) GROUP BY user_id""";

  private static final String FORGET = "DELETE FROM poll_votes WHERE message_id = $1 AND user_id = ANY ($2)";

  private static final String RECORD = """
    INSERT INTO poll_votes (message_id, user_id, option_id) SELECT $1, voter, choice FROM unnest($2::bigint[], $3::int[]) AS v(voter, choice)""";

  private static final String TOUCH = "UPDATE messages SET change_seq = next_change_seq(room_id) WHERE id = $1";

  private static final String CLOSE = """
    UPDATE messages SET poll = jsonb_set(poll, '{closed}', 'true'), change_seq = next_change_seq(room_id) WHERE id = $1""";

  private PollRepository() {
  }

  static Future<Set<Long>> members(SqlClient sql, long roomId, Set<Long> userIds) {
    return sql.preparedQuery(MEMBERS).execute(Tuple.tuple().addLong(roomId).addArrayOfLong(userIds.toArray(Long[]::new))).map(rows -> {
      Set<Long> members = new HashSet<>();
      rows.forEach(row -> members.add(row.getLong("user_id")));
      return members;
    });
  }

  /** What each of these people has chosen now (nobody absent from the map has voted). */
  static Future<Map<Long, Set<Integer>>> choices(SqlClient sql, long messageId, Set<Long> userIds) {
    return sql.preparedQuery(CHOICES).execute(Tuple.tuple().addLong(messageId).addArrayOfLong(userIds.toArray(Long[]::new))).map(rows -> {
      Map<Long, Set<Integer>> choices = new HashMap<>();
      for (Row row : rows) {
        choices.put(row.getLong("user_id"), new HashSet<>(List.of(row.getArrayOfIntegers("options"))));
      }
      return choices;
    });
  }

  /** Replaces the choices of these people and gives the poll the room's next change number. */
  static Future<Void> replace(SqlClient sql, long messageId, Map<Long, Set<Integer>> choices) {
    List<Long> voters = new ArrayList<>();
    List<Integer> options = new ArrayList<>();
    choices.forEach((voter, chosen) -> chosen.forEach(option -> {
      voters.add(voter);
      options.add(option);
    }));
    return sql.preparedQuery(FORGET).execute(Tuple.tuple().addLong(messageId).addArrayOfLong(choices.keySet().toArray(Long[]::new)))
      .compose(forgotten -> voters.isEmpty() ? Future.succeededFuture()
        : sql.preparedQuery(RECORD).execute(Tuple.tuple().addLong(messageId)
          .addArrayOfLong(voters.toArray(Long[]::new)).addArrayOfInteger(options.toArray(Integer[]::new))))
      .compose(recorded -> sql.preparedQuery(TOUCH).execute(Tuple.of(messageId)))
      .mapEmpty();
  }

  static Future<Void> close(SqlClient sql, long messageId) {
    return sql.preparedQuery(CLOSE).execute(Tuple.of(messageId)).mapEmpty();
  }
}
