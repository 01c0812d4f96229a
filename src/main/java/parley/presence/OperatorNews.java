package parley.presence;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.EventTypes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the platform's operators see of presence: who of a tenant is connected, and how many. Told from each
 * announcing round, after its offline delay, so a reload tells operators nothing either; the store answers each change
 * of a mark to one node, which alone publishes it, so every node's bridge relays it once. A chat message costs nothing
 * here. Counts and states only: no status text, nothing anyone wrote.
 */
final class OperatorNews {

  private static final System.Logger LOG = System.getLogger(OperatorNews.class.getName());

  private final PresenceStore store;
  private final EventBus bus;

  OperatorNews(PresenceStore store, EventBus bus) {
    this.store = store;
    this.bus = bus;
  }

  /** The people of one announcing round in a tenant, as presence now sees them. */
  void tell(long tenantId, List<Presence> presences) {
    if (presences.isEmpty()) {
      return;
    }
    Map<Long, Presence> byUser = new HashMap<>();
    Map<Long, Boolean> connected = new HashMap<>();
    presences.forEach(presence -> {
      byUser.put(presence.userId(), presence);
      connected.put(presence.userId(), presence.connected());
    });
    store.markConnected(tenantId, connected)
      .onFailure(failure -> LOG.log(System.Logger.Level.DEBUG, "Operators were not told of a presence round: " + failure.getMessage()))
      .onSuccess(marks -> {
        String tenant = Long.toString(tenantId);
        marks.changed().forEach(userId -> {
          Presence presence = byUser.get(userId);
          bus.publish(Addresses.operatorPresence(tenantId), new JsonObject().put("type", EventTypes.PERSON_PRESENCE)
            .put("tenantId", tenant).put("userId", Long.toString(userId)).put("online", presence.connected())
            .put("state", presence.state()));
        });
        if (!marks.changed().isEmpty()) {
          bus.publish(Addresses.OPERATOR_TENANTS, new JsonObject().put("type", EventTypes.TENANT_ONLINE)
            .put("tenantId", tenant).put("onlineNow", marks.connected()));
        }
      });
  }
}
