package parley.message;

import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Group commit for one statement: what is asked for while {@code maxInFlight} batches are running waits, and goes
 * with everything else waiting in the next batch, one transaction. A busy server pays for one commit per batch
 * rather than one per message; an idle one runs each statement alone at once, so nothing waits for a window.
 *
 * <p>A batch is one transaction because the pg client ends it with a single Sync: it commits or rolls back whole,
 * and each caller hears only after the commit. It is sorted by lock key (the room), keeping arrival order within a
 * key, so batches running side by side take the rooms' row locks in the same order and cannot deadlock, and a room's
 * messages keep the order they came in. When a batch fails (a race on a unique index, or anything else), its
 * statements run again one by one, so one bad row fails only its own caller and nothing else is lost.
 *
 * <p>Confined to the owning verticle's event loop.
 */
final class GroupCommit {

  private record Pending(long lockKey, Tuple params, Promise<RowSet<Row>> done) {
  }

  private static final Comparator<Pending> LOCK_ORDER = Comparator.comparingLong(Pending::lockKey);

  private final SqlClient sql;
  private final String statement;
  private final int maxBatch;
  private final int maxInFlight;
  private final DistributionSummary batchSizes;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final List<Promise<Void>> drainWaiters = new ArrayList<>();
  private int inFlight;

  /** {@code batchSizes} hears the size of each batch as it starts. */
  GroupCommit(SqlClient sql, String statement, int maxBatch, int maxInFlight, DistributionSummary batchSizes) {
    this.sql = sql;
    this.statement = statement;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.batchSizes = batchSizes;
  }

  /** Runs {@code statement} with {@code params} in the next batch; completes after that batch commits. */
  Future<RowSet<Row>> execute(long lockKey, Tuple params) {
    Promise<RowSet<Row>> done = Promise.promise();
    waiting.add(new Pending(lockKey, params, done));
    startBatches();
    return done.future();
  }

  /** Completes once nothing waits and no batch runs: everything asked for before has committed or failed. */
  Future<Void> drained() {
    if (idle()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    drainWaiters.add(drained);
    return drained.future();
  }

  private boolean idle() {
    return inFlight == 0 && waiting.isEmpty();
  }

  private void startBatches() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      while (batch.size() < maxBatch && !waiting.isEmpty()) {
        batch.add(waiting.poll());
      }
      batch.sort(LOCK_ORDER);
      batchSizes.record(batch.size());
      inFlight++;
      run(batch).onComplete(finished -> {
        inFlight--;
        startBatches();
        if (idle()) {
          List<Promise<Void>> drainedNow = List.copyOf(drainWaiters);
          drainWaiters.clear();
          drainedNow.forEach(Promise::complete);
        }
      });
    }
  }

  private Future<Void> run(List<Pending> batch) {
    if (batch.size() == 1) {
      return one(batch.get(0));
    }
    return sql.preparedQuery(statement).executeBatch(batch.stream().map(Pending::params).toList())
      .map(results -> {
        RowSet<Row> result = results;
        for (Pending pending : batch) {
          pending.done().complete(result);
          result = result.next();
        }
        return (Void) null;
      })
      .recover(failed -> oneByOne(batch, 0));
  }

  private Future<Void> oneByOne(List<Pending> batch, int from) {
    return from == batch.size() ? Future.succeededFuture() : one(batch.get(from)).compose(done -> oneByOne(batch, from + 1));
  }

  /** Always succeeds: the statement's failure goes to its own caller. */
  private Future<Void> one(Pending pending) {
    return sql.preparedQuery(statement).execute(pending.params())
      .onComplete(pending.done())
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }
}
