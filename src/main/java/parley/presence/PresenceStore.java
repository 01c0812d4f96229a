package parley.presence;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is connected, and what each person chose, shared by every node: {@link RedisPresenceStore}, or
 * {@link MemoryPresenceStore} for a single node. A connection lives until it is dropped or its expiry passes.
 */
interface PresenceStore {

  /** Records or refreshes a connection of the user until {@code expiresAt} (epoch milliseconds); a null {@code idle} keeps what it was. */
  Future<Void> touch(long tenantId, long userId, String connectionId, Boolean idle, long expiresAt);

  Future<Void> drop(long tenantId, long userId, String connectionId);

  /** For each of the users: their status, and whether each of their live connections is idle. */
  Future<Snapshot> of(long tenantId, Set<Long> userIds, long now);

  Future<Void> setStatus(long tenantId, long userId, Status status);

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

  Future<Void> close();

  record Snapshot(Map<Long, Status> statuses, Map<Long, List<Boolean>> connections) {
  }
}
