package parley.push;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The people who may have a push device, as this node knows them, so that a message to a room where nobody has one
 * costs the push queue no statement. PostgreSQL tells every node of a device as its row commits ({@link #CHANNEL},
 * whatever node registered it, clustered or not), and the whole set is read again every minute in case a notice was
 * lost while the listener reconnected. Nobody is removed until the next start: one too many only costs the lookup
 * that finds nobody. Until the node listens and has read the set, everyone may have one. Confined to the push
 * queue's event loop.
 */
final class DeviceOwners {

  static final String CHANNEL = "parley_push_devices";
  static final long RELOAD_EVERY_MS = 60_000;
  private static final String OWNERS = "SELECT DISTINCT user_id FROM push_subscriptions";

  private final SqlClient sql;
  private final Set<Long> owners = new HashSet<>();
  private boolean known;

  DeviceOwners(SqlClient sql) {
    this.sql = sql;
  }

  /** A notice on {@link #CHANNEL}: its payload is the owner's id. */
  void added(String userId) {
    owners.add(Long.parseLong(userId));
  }

  /** Adds everyone with a device now; called once the node listens on {@link #CHANNEL}, so nobody falls between. */
  Future<Void> reload() {
    return sql.query(OWNERS).execute().map(rows -> {
      rows.forEach(row -> owners.add(row.getLong("user_id")));
      known = true;
      return null;
    });
  }

  /** Whether any of them (but {@code except}) may have a device. */
  boolean anyAmong(Collection<Long> userIds, long except) {
    if (!known) {
      return true;
    }
    for (Long userId : userIds) {
      if (userId != except && owners.contains(userId)) {
        return true;
      }
    }
    return false;
  }
}
