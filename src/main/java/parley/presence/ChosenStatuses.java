package parley.presence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;
import parley.presence.PresenceStore.Snapshot;
import parley.presence.PresenceStore.Statuses;

import java.time.OffsetDateTime;
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

  /** Nothing the provider set and that still runs is replaced: no row comes back then. */
  private static final String KEEP = """
    INSERT INTO chosen_presence (tenant_id, user_id, state, text, emoji, set_by) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (tenant_id, user_id) DO UPDATE
    SET state = excluded.state, text = excluded.text, emoji = excluded.emoji, set_by = excluded.set_by, set_at = now(),
      by_provider = false, until = NULL
    WHERE NOT chosen_presence.by_provider OR chosen_presence.until <= now()
    RETURNING user_id""";
  private static final String CLEAR = """
    DELETE FROM chosen_presence WHERE tenant_id = $1 AND user_id = $2 AND (NOT by_provider OR until <= now())""";
  private static final String HELD = """
    SELECT 1 FROM chosen_presence WHERE tenant_id = $1 AND user_id = $2 AND by_provider AND (until IS NULL OR until > now())""";
  private static final String PROVIDE = """
    INSERT INTO chosen_presence (tenant_id, user_id, state, text, by_provider, until) VALUES ($1, $2, 'vacation', $3, true, $4)
    ON CONFLICT (tenant_id, user_id) DO UPDATE
    SET state = 'vacation', text = excluded.text, emoji = NULL, set_by = NULL, set_at = now(), by_provider = true, until = excluded.until""";
  private static final String UNPROVIDE = "DELETE FROM chosen_presence WHERE tenant_id = $1 AND user_id = $2 AND by_provider";
  private static final String EXPIRED = "DELETE FROM chosen_presence WHERE by_provider AND until <= now() RETURNING tenant_id, user_id";
  private static final String OF_TENANT =
    "SELECT user_id, state, text, emoji FROM chosen_presence WHERE tenant_id = $1 AND (until IS NULL OR until > now())";
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
   * later. Fails with {@code 409 vacation_by_provider} while the identity provider's vacation holds.
   */
  Future<Boolean> choose(long tenantId, long userId, Status status, long setBy) {
    Future<Boolean> kept = status.equals(Status.DEFAULT)
      ? pool.preparedQuery(CLEAR).execute(Tuple.of(tenantId, userId))
        .compose(cleared -> pool.preparedQuery(HELD).execute(Tuple.of(tenantId, userId)).map(held -> held.size() == 0))
      : pool.preparedQuery(KEEP).execute(Tuple.of(tenantId, userId, status.chosen(), status.text(), status.emoji(), setBy))
        .map(rows -> rows.size() > 0);
    return kept.compose(done -> done ? tellStore(tenantId, userId, status)
      : Future.failedFuture(ApiError.VACATION_BY_PROVIDER.exception()));
  }

  /** The identity provider's vacation, until {@code until} (null: until it clears it), over whatever was chosen. */
  Future<Boolean> provide(long tenantId, long userId, String text, OffsetDateTime until) {
    return pool.preparedQuery(PROVIDE).execute(Tuple.of(tenantId, userId, text, until))
      .compose(kept -> tellStore(tenantId, userId, new Status(Presence.VACATION, text, null)));
  }

  /** Ends the identity provider's vacation, if there is one; what the person chose is not touched. */
  Future<Boolean> unprovide(long tenantId, long userId) {
    return pool.preparedQuery(UNPROVIDE).execute(Tuple.of(tenantId, userId))
      .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(true) : tellStore(tenantId, userId, Status.DEFAULT));
  }

  /**
   * Ends the provider's vacations whose {@code until} has passed; answers whose, by tenant. Each ends once, on one
   * node: the delete answers each row to one of them.
   */
  Future<Map<Long, Set<Long>>> expire() {
    return pool.query(EXPIRED).execute().compose(rows -> {
      Map<Long, Set<Long>> ended = new HashMap<>();
      rows.forEach(row -> ended.computeIfAbsent(row.getLong("tenant_id"), t -> new HashSet<>()).add(row.getLong("user_id")));
      List<Future<?>> told = new ArrayList<>();
      ended.forEach((tenantId, users) -> users.forEach(userId -> told.add(tellStore(tenantId, userId, Status.DEFAULT))));
      return Future.join(told).transform(done -> Future.succeededFuture(ended));
    });
  }

  private Future<Boolean> tellStore(long tenantId, long userId, Status status) {
    return store.setStatus(tenantId, userId, status).map(true).otherwise(failure -> {
      untold.computeIfAbsent(tenantId, t -> new HashSet<>()).add(userId);
      return false;
    });
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
