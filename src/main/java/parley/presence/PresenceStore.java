package parley.presence;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is connected, and what each person chose, shared by every node: {@link RedisPresenceStore}, or
 * {@link MemoryPresenceStore} for a single node. A connection lives until it is dropped or its expiry passes.
 * What people chose is kept in PostgreSQL ({@link ChosenStatuses}); the store caches it, and says whether it has
 * learned a tenant's: it starts without them, and a Redis can lose them.
 */
interface PresenceStore {

  /** Records or refreshes a connection of the user until {@code expiresAt} (epoch milliseconds); a null {@code idle} keeps what it was. */
  Future<Void> touch(long tenantId, long userId, String connectionId, Boolean idle, long expiresAt);

  Future<Void> drop(long tenantId, long userId, String connectionId);

  /** For each of the users: their status, and whether each of their live connections is idle. */
  Future<Snapshot> of(long tenantId, Set<Long> userIds, long now);

  /**
   * For each of these tenants, how many people are marked connected ({@link #markConnected}): the count the
   * operators' live news carries, so the console's first look and its updates agree.
   */
  Future<Map<Long, Integer>> onlineCounts(Collection<Long> tenantIds);

  /** The statuses of these users, without their connections. */
  Future<Statuses> statuses(long tenantId, Collection<Long> userIds);

  Future<Void> setStatus(long tenantId, long userId, Status status);

  /**
   * Takes these statuses, read from where they are kept, as the tenant's: each of those the store has no status for
   * (one it has is at least as new, since it is told of each change once that is kept), and the tenant's statuses
   * are known from then on.
   */
  Future<Void> learn(long tenantId, Map<Long, Status> statuses);

  /** The statuses set in the tenant, and who has a live connection there, with whether each connection is idle. */
  Future<Snapshot> snapshot(long tenantId, long now);

  /**
   * Forgets connections whose expiry passed, in every tenant, answering the users who lost one, per tenant. Each
   * expired connection is answered once, even when several nodes sweep at the same time.
   */
  Future<Map<Long, Set<Long>>> sweep(long now);

  /**
   * Remembers each user's state (as encoded) as the one last announced, answering the users whose state differs
   * from the one announced before; of several nodes noticing one change, one is answered it.
   */
  Future<Set<Long>> announce(long tenantId, Map<Long, String> states);

  /** The state last announced (as encoded) of each of these users who has one. */
  Future<Map<Long, String>> announced(long tenantId, List<Long> userIds);

  /**
   * Marks whether each of these people of the tenant is connected, for the platform's operators: answers those whose
   * mark changed (of several nodes marking one change, one is answered it) and how many are marked connected now.
   */
  Future<ConnectedMarks> markConnected(long tenantId, Map<Long, Boolean> connected);

  Future<Void> close();

  record ConnectedMarks(Set<Long> changed, long connected) {
  }

  record Snapshot(Statuses statuses, Map<Long, List<Boolean>> connections) {
  }

  /**
   * Statuses found by user; {@code known} is false while the store has not learned the tenant's statuses, when
   * someone without one here may have one where they are kept.
   */
  record Statuses(Map<Long, Status> found, boolean known) {

    Status of(long userId) {
      return found.getOrDefault(userId, Status.DEFAULT);
    }
  }
}
