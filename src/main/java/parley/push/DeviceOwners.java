package parley.push;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.bus.Addresses;
import parley.bus.Fields;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The people who may have a push device, as this node knows them, so that a message to a room where nobody has one
 * costs the push queue no statement. Someone is added when a device of theirs is registered on any node, and kept
 * until the next start: one too many only costs the lookup that finds nobody. Until the first read is in, everyone
 * may have one. Confined to the push queue's event loop.
 */
final class DeviceOwners {

  private static final String OWNERS = "SELECT DISTINCT user_id FROM push_subscriptions";

  private final Set<Long> owners = new HashSet<>();
  private boolean known;

  /** Listens for new devices first, then reads those there are: a device registered meanwhile is not missed. */
  DeviceOwners(EventBus bus, SqlClient sql) {
    bus.<JsonObject>consumer(Addresses.PUSH_DEVICE_ADDED, added -> owners.add(Fields.id(added.body().getValue("userId"))))
      .completion()
      .compose(listening -> sql.query(OWNERS).execute())
      .onSuccess(rows -> {
        rows.forEach(row -> owners.add(row.getLong("user_id")));
        known = true;
      });
  }

  /** Tells every node's push queue that {@code userId} has a device now. */
  static void added(EventBus bus, long userId) {
    bus.publish(Addresses.PUSH_DEVICE_ADDED, new JsonObject().put("userId", Long.toString(userId)));
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
