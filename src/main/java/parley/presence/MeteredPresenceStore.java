package parley.presence;

import io.vertx.core.Future;
import parley.metrics.ParleyMetrics;
import parley.metrics.TimedCall;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A presence store whose every call is timed, by operation, with its failures counted ({@code parley.presence.store}). */
final class MeteredPresenceStore implements PresenceStore {

  private final PresenceStore store;
  private final TimedCall touch;
  private final TimedCall drop;
  private final TimedCall of;
  private final TimedCall onlineCounts;
  private final TimedCall statuses;
  private final TimedCall setStatus;
  private final TimedCall learn;
  private final TimedCall snapshot;
  private final TimedCall sweep;
  private final TimedCall announce;
  private final TimedCall announced;
  private final TimedCall markConnected;

  private MeteredPresenceStore(PresenceStore store, ParleyMetrics metrics) {
    this.store = store;
    touch = metrics.presenceStore("touch");
    drop = metrics.presenceStore("drop");
    of = metrics.presenceStore("of");
    onlineCounts = metrics.presenceStore("onlineCounts");
    statuses = metrics.presenceStore("statuses");
    setStatus = metrics.presenceStore("setStatus");
    learn = metrics.presenceStore("learn");
    snapshot = metrics.presenceStore("snapshot");
    sweep = metrics.presenceStore("sweep");
    announce = metrics.presenceStore("announce");
    announced = metrics.presenceStore("announced");
    markConnected = metrics.presenceStore("markConnected");
  }

  /** {@code store} itself when metrics are off. */
  static PresenceStore of(PresenceStore store, ParleyMetrics metrics) {
    return metrics.enabled() ? new MeteredPresenceStore(store, metrics) : store;
  }

  @Override
  public Future<Void> touch(long tenantId, long userId, String connectionId, Boolean idle, long expiresAt) {
    return touch.time(() -> store.touch(tenantId, userId, connectionId, idle, expiresAt));
  }

  @Override
  public Future<Void> drop(long tenantId, long userId, String connectionId) {
    return drop.time(() -> store.drop(tenantId, userId, connectionId));
  }

  @Override
  public Future<Snapshot> of(long tenantId, Set<Long> userIds, long now) {
    return of.time(() -> store.of(tenantId, userIds, now));
  }

  @Override
  public Future<Map<Long, Integer>> onlineCounts(Collection<Long> tenantIds) {
    return onlineCounts.time(() -> store.onlineCounts(tenantIds));
  }

  @Override
  public Future<Statuses> statuses(long tenantId, Collection<Long> userIds) {
    return statuses.time(() -> store.statuses(tenantId, userIds));
  }

  @Override
  public Future<Void> setStatus(long tenantId, long userId, Status status) {
    return setStatus.time(() -> store.setStatus(tenantId, userId, status));
  }

  @Override
  public Future<Void> learn(long tenantId, Map<Long, Status> statuses) {
    return learn.time(() -> store.learn(tenantId, statuses));
  }

  @Override
  public Future<Snapshot> snapshot(long tenantId, long now) {
    return snapshot.time(() -> store.snapshot(tenantId, now));
  }

  @Override
  public Future<Map<Long, Set<Long>>> sweep(long now) {
    return sweep.time(() -> store.sweep(now));
  }

  @Override
  public Future<Set<Long>> announce(long tenantId, Map<Long, String> states) {
    return announce.time(() -> store.announce(tenantId, states));
  }

  @Override
  public Future<Map<Long, String>> announced(long tenantId, List<Long> userIds) {
    return announced.time(() -> store.announced(tenantId, userIds));
  }

  @Override
  public Future<ConnectedMarks> markConnected(long tenantId, Map<Long, Boolean> connected) {
    return markConnected.time(() -> store.markConnected(tenantId, connected));
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
