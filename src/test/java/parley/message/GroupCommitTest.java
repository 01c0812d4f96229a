package parley.message;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.TestDatabase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit on a table of its own: rows stand for messages, {@code room} for the lock key, and each row records
 * the transaction that wrote it, which shows what went together.
 */
@DisplayName("Group commit: what arrives together is stored in one transaction, and a bad row fails only itself")
class GroupCommitTest {

  private static final String INSERT = """
    INSERT INTO notes (room, body) VALUES ($1, $2) RETURNING id, room, body, txid_current() AS tx""";

  /** A batch-size meter nobody reads. */
  private static final DistributionSummary UNMEASURED = DistributionSummary.builder("batch").register(new SimpleMeterRegistry());

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(TestDatabase.fresh().connectOptions())
      .using(vertx).build();
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void table() {
    pool.query("DROP TABLE IF EXISTS notes").execute().await();
    pool.query("CREATE TABLE notes (id bigserial PRIMARY KEY, room bigint NOT NULL, body text NOT NULL UNIQUE)").execute().await();
  }

  @Test
  @DisplayName("forty statements asked for at once take two transactions, rooms in order, each room's rows as they came")
  void batchesWhatArrivesTogether() {
    DistributionSummary batchSizes = DistributionSummary.builder("batch").register(new SimpleMeterRegistry());
    GroupCommit inserts = new GroupCommit(pool, INSERT, 100, 1, batchSizes);
    List<Row> stored = onLoop(() -> {
      List<Future<RowSet<Row>>> asked = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long room = 3 - i % 3;
        asked.add(inserts.execute(room, Tuple.of(room, "note " + i)));
      }
      return asked;
    }).stream().map(rows -> rows.iterator().next()).toList();

    // The first goes alone at once; the other 39 wait for it and go together.
    Set<Long> transactions = new HashSet<>(stored.stream().map(row -> row.getLong("tx")).toList());
    assertEquals(2, transactions.size(), "transactions: " + transactions);
    assertEquals(2, batchSizes.count(), "batches measured");
    assertEquals(40.0, batchSizes.totalAmount(), "statements measured");
    assertEquals(39.0, batchSizes.max(), "largest batch");
    assertEquals("note 0", stored.get(0).getString("body"));
    List<Row> byId = stored.stream().sorted((a, b) -> Long.compare(a.getLong("id"), b.getLong("id"))).toList();
    List<Row> batch = byId.subList(1, byId.size());
    for (int i = 1; i < batch.size(); i++) {
      Row before = batch.get(i - 1);
      Row after = batch.get(i);
      assertTrue(before.getLong("room") < after.getLong("room") || before.getLong("room").equals(after.getLong("room"))
        && number(before) < number(after), before.toJson() + " then " + after.toJson());
    }
  }

  @Test
  @DisplayName("a row that breaks a unique index fails its own caller; the rest of its batch is stored")
  void aBadRowFailsOnlyItself() {
    GroupCommit inserts = new GroupCommit(pool, INSERT, 100, 1, UNMEASURED);
    List<Future<RowSet<Row>>> answers = onLoopSettled(() -> {
      List<Future<RowSet<Row>>> asked = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        asked.add(inserts.execute(1, Tuple.of(1L, i == 6 ? "note 2" : "note " + i)));
      }
      return asked;
    });

    for (int i = 0; i < 10; i++) {
      assertEquals(i != 6, answers.get(i).succeeded(), "statement " + i);
    }
    assertEquals(9L, pool.query("SELECT count(*) FROM notes").execute().await().iterator().next().getLong(0));
  }

  @Test
  @DisplayName("drained completes once everything asked for has committed, and at once when nothing is pending")
  void drainedWaitsForTheBatches() {
    GroupCommit slow = new GroupCommit(pool, """
      INSERT INTO notes (room, body) SELECT $1, $2 FROM pg_sleep(0.2) RETURNING id, room, body, txid_current() AS tx""", 100, 1, UNMEASURED);
    Promise<List<Boolean>> answeredWhenDrained = Promise.promise();
    vertx.getOrCreateContext().runOnContext(go -> {
      List<Future<RowSet<Row>>> asked = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        asked.add(slow.execute(1, Tuple.of(1L, "note " + i)));
      }
      slow.drained().onComplete(drained -> answeredWhenDrained.complete(asked.stream().map(Future::succeeded).toList()));
    });

    assertEquals(List.of(true, true, true, true, true), answeredWhenDrained.future().await());
    assertEquals(5L, pool.query("SELECT count(*) FROM notes").execute().await().iterator().next().getLong(0));
    assertTrue(onLoopFuture(slow::drained).isComplete(), "nothing pending: drained at once");
  }

  private static <T> Future<T> onLoopFuture(java.util.function.Supplier<Future<T>> ask) {
    Promise<Future<T>> asked = Promise.promise();
    vertx.getOrCreateContext().runOnContext(go -> asked.complete(ask.get()));
    return asked.future().await();
  }

  private static int number(Row row) {
    return Integer.parseInt(row.getString("body").substring(5));
  }

  private static List<RowSet<Row>> onLoop(java.util.function.Supplier<List<Future<RowSet<Row>>>> ask) {
    return onLoopSettled(ask).stream().map(Future::result).toList();
  }

  /** Asks from one event loop in one go, as a verticle would, and waits for every answer. */
  private static List<Future<RowSet<Row>>> onLoopSettled(java.util.function.Supplier<List<Future<RowSet<Row>>>> ask) {
    Promise<List<Future<RowSet<Row>>>> asked = Promise.promise();
    vertx.getOrCreateContext().runOnContext(go -> asked.complete(ask.get()));
    List<Future<RowSet<Row>>> answers = asked.future().await();
    Future.join(answers).otherwiseEmpty().await();
    return answers;
  }
}
