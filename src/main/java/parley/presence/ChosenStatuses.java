package parley.presence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import parley.presence.PresenceStore.Snapshot;
import parley.presence.PresenceStore.Statuses;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What people chose (do-not-disturb, vacation, a status text and emoji), kept in PostgreSQL so that it outlives the
 * presence store, which caches it: a change is kept first, then told to the store. A store that does not know a
 * tenant's statuses (it started empty, or Redis lost them) learns them at the first read that finds it out; until
 * then, and whenever it knows them, nothing here is read.
 */
final class ChosenStatuses {

  private static final String KEEP = """
    INSERT INTO chosen_presence (tenant_id, user_id, state, text, emoji, set_by) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (tenant_id, user_id) DO UPDATE
    SET state = excluded.state, text = excluded.text, emoji = excluded.emoji, set_by = excluded.set_by, set_at = now()""";
  private static final String CLEAR = "DELETE FROM chosen_presence WHERE tenant_id = $1 AND user_id = $2";
  private static final String OF_TENANT = "SELECT user_id, state, text, emoji FROM chosen_presence WHERE tenant_id = $1";
  private static final String OF_USERS = OF_TENANT + " AND user_id = ANY($2)";

  private final Pool pool;
  private final PresenceStore store;
  /** A tenant's statuses being read for the store, so that the reads that find it out together read them once. */
  private final Map<Long, Future<Map<Long, Status>>> learning = new HashMap<>();
  /** Changes kept that the store could not be told of, by tenant: told again at each {@link #tellUntold()}. */
  private final Map<Long, Set<Long>> untold = new HashMap<>();

  ChosenStatuses(Pool pool, PresenceStore store) {
    this.pool = pool;
    this.store = store;
  }

  /**
   * Keeps what {@code userId} chose ({@code setBy} chose it: they, or an admin), the default by forgetting it; then
   * tells the store. Succeeds once kept, answering whether the store was told: one that cannot be reached is told
   * later.
   */
  Future<Boolean> choose(long tenantId, long userId, Status status, long setBy) {
    Future<?> kept = status.equals(Status.DEFAULT)
      ? pool.preparedQuery(CLEAR).execute(Tuple.of(tenantId, userId))
      : pool.preparedQuery(KEEP).execute(Tuple.of(tenantId, userId, status.chosen(), status.text(), status.emoji(), setBy));
    return kept.compose(done -> store.setStatus(tenantId, userId, status).map(true).otherwise(failure -> {
      untold.computeIfAbsent(tenantId, t -> new HashSet<>()).add(userId);
      return false;
    }));
  }

  /** The snapshot with every status it lacks: when the store did not know the tenant's, they are read (and learned). */
  Future<Snapshot> complete(long tenantId, Snapshot read) {
    return read.statuses().known() ? Future.succeededFuture(read)
      : learn(tenantId).map(kept -> new Snapshot(new Statuses(kept, true), read.connections()));
  }

  /** The statuses of these users: the store's, or when it does not know the tenant's, those kept (then learned). */
  Future<Statuses> of(long tenantId, Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(new Statuses(Map.of(), true));
    }
    return store.statuses(tenantId, userIds).compose(found -> found.known() ? Future.succeededFuture(found)
      : learn(tenantId).map(kept -> new Statuses(kept, true)));
  }

  /** Those kept answer for the store: the store is only ever told a change after it was kept. */
  private Future<Map<Long, Status>> learn(long tenantId) {
    Future<Map<Long, Status>> pending = learning.get(tenantId);
    if (pending != null) {
      return pending;
    }
    Future<Map<Long, Status>> read = pool.preparedQuery(OF_TENANT).execute(Tuple.of(tenantId)).map(ChosenStatuses::byUser)
      .compose(kept -> store.learn(tenantId, kept).map(kept));
    learning.put(tenantId, read);
    read.onComplete(done -> learning.remove(tenantId));
    return read;
  }

  /** Tells the store the changes it could not be told of when they were made; answers whose, by tenant. */
  Future<Map<Long, Set<Long>>> tellUntold() {
    Map<Long, Set<Long>> round = new HashMap<>(untold);
    untold.clear();
    Map<Long, Set<Long>> told = new HashMap<>();
    List<Future<?>> tellings = new ArrayList<>();
    round.forEach((tenantId, users) -> tellings.add(tell(tenantId, users)
      .onSuccess(done -> told.put(tenantId, users))
      .onFailure(failure -> untold.computeIfAbsent(tenantId, t -> new HashSet<>()).addAll(users))));
    return Future.join(tellings).transform(done -> Future.succeededFuture(told));
  }

  private Future<Void> tell(long tenantId, Set<Long> users) {
    return pool.preparedQuery(OF_USERS).execute(Tuple.tuple().addLong(tenantId).addArrayOfLong(users.toArray(Long[]::new)))
      .map(ChosenStatuses::byUser)
      .compose(kept -> Future.all(users.stream()
        .map(userId -> store.setStatus(tenantId, userId, kept.getOrDefault(userId, Status.DEFAULT))).toList()))
      .mapEmpty();
  }

  private static Map<Long, Status> byUser(RowSet<Row> rows) {
    Map<Long, Status> statuses = new HashMap<>();
    rows.forEach(row -> statuses.put(row.getLong("user_id"),
      new Status(row.getString("state"), row.getString("text"), row.getString("emoji"))));
    return statuses;
  }
}
