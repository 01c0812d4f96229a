package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import parley.db.DatabaseUrl;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Fills rooms made through the API with history straight in SQL, as if their creator had sent every message: far
 * faster than the API, and keeping what the server relies on (003-history-changes.sql, 005-read-cursors.sql). Each
 * statement takes the next {@code seq}s of every room by moving its {@code last_seq} (so numbers stay gapless, with
 * {@code change_seq = seq} as for a message never changed since) and inserts the messages in the same statement; the
 * ids follow the order the messages were "sent" in, round the rooms, and so do the rows on disk, interleaved as live
 * traffic leaves them (a page of one room is on as many heap pages as it has messages, not on a few). The
 * author has read what they sent, as {@code chat.send} leaves it. Blocking: call it off the event loops.
 */
final class HistorySeed {

  private static final int ROWS_PER_STATEMENT = 500_000;
  /** The time between two messages of the whole server: the seeded history ends now. */
  private static final double SECONDS_APART = 0.1;

  /**
   * $1 the rooms, $2 the id of the first message seeded, $3 how many seqs each room takes, $4 the rooms' count, $5 the
   * first message number (1…perRoom) of this statement, $6 when the last seeded message was sent, $7 messages in all.
   */
  private static final String INSERT = """
    WITH numbered AS (
      UPDATE rooms r SET last_seq = r.last_seq + $3
      FROM unnest($1::bigint[]) WITH ORDINALITY AS t(room_id, k)
      WHERE r.id = t.room_id
      RETURNING r.id, r.tenant_id, r.created_by, t.k - 1 AS k, r.last_seq - $3 AS after_seq
    )
    INSERT INTO messages (id, tenant_id, room_id, seq, change_seq, author_id, content, kind, created_at)
    SELECT g.id, n.tenant_id, n.id, n.after_seq + s - $5 + 1, n.after_seq + s - $5 + 1, n.created_by,
      'Message ' || s || ' of room ' || n.id || ': '
        || left('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et '
          || 'dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.', (g.id %% 127)::int + 5),
      'text', $6::timestamptz - make_interval(secs => ($7 - (g.id - $2)) * %s)
    FROM numbered n CROSS JOIN generate_series($5::bigint, $5::bigint + $3 - 1) AS s
      CROSS JOIN LATERAL (SELECT $2 + (s - 1) * $4 + n.k AS id) g
    ORDER BY g.id
    """.formatted(SECONDS_APART);

  private static final String AUTHORS_READ = """
    UPDATE room_members rm SET read_seq = r.last_seq FROM rooms r
    WHERE r.id = ANY ($1::bigint[]) AND rm.room_id = r.id AND rm.user_id = r.created_by AND rm.read_seq < r.last_seq""";

  /** Rooms whose messages are not exactly seq and change_seq 1…last_seq (the unique indexes rule out repeats). */
  private static final String BROKEN_ROOMS = """
    SELECT count(*) AS broken FROM rooms r CROSS JOIN LATERAL (
      SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi, min(change_seq) AS clo, max(change_seq) AS chi
      FROM messages WHERE room_id = r.id) m
    WHERE r.id = ANY ($1::bigint[])
      AND NOT (m.n = r.last_seq AND m.lo = 1 AND m.hi = r.last_seq AND m.clo = 1 AND m.chi = r.last_seq)""";

  /** How long each step took, in seconds. */
  record Timings(double insertSeconds, double vacuumSeconds, long tableBytes) {
  }

  private HistorySeed() {
  }

  static Timings seed(Vertx vertx, String databaseUrl, List<String> roomIds, int perRoom) {
    Long[] rooms = roomIds.stream().map(Long::valueOf).toArray(Long[]::new);
    SqlConnection sql = PgConnection.connect(vertx, DatabaseUrl.parse(databaseUrl).connectOptions()).await();
    try {
      long started = System.nanoTime();
      sql.query("SET work_mem = '512MB'").execute().await();
      long firstId = single(sql, "SELECT coalesce(max(id), 0) + 1 AS v FROM messages", Tuple.tuple());
      OffsetDateTime end = OffsetDateTime.now();
      long total = (long) rooms.length * perRoom;
      int step = Math.max(1, ROWS_PER_STATEMENT / rooms.length);
      for (int from = 1; from <= perRoom; from += step) {
        int count = Math.min(step, perRoom - from + 1);
        sql.preparedQuery(INSERT).execute(Tuple.from(List.of(rooms, firstId, count, rooms.length, from, end, total))).await();
        Log.say("seeded messages %d to %d of each room", from, from + count - 1);
      }
      sql.query("SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT max(id) FROM messages))").execute().await();
      sql.preparedQuery(AUTHORS_READ).execute(Tuple.of(rooms)).await();
      double insertSeconds = (System.nanoTime() - started) / 1e9;
      Log.say("%d messages in %d rooms inserted in %.1f s", total, rooms.length, insertSeconds);

      started = System.nanoTime();
      sql.query("VACUUM ANALYZE").execute().await();
      sql.query("CHECKPOINT").execute().await();
      double vacuumSeconds = (System.nanoTime() - started) / 1e9;
      Log.say("VACUUM ANALYZE and CHECKPOINT in %.1f s", vacuumSeconds);

      long broken = single(sql, BROKEN_ROOMS, Tuple.of(rooms));
      if (broken > 0) {
        throw new IllegalStateException(broken + " rooms have seqs other than 1…last_seq after seeding");
      }
      return new Timings(insertSeconds, vacuumSeconds, single(sql, "SELECT pg_total_relation_size('messages') AS v", Tuple.tuple()));
    } finally {
      sql.close().await();
    }
  }

  private static long single(SqlConnection sql, String query, Tuple arguments) {
    Row row = sql.preparedQuery(query).execute(arguments).await().iterator().next();
    return row.getLong(0);
  }
}
