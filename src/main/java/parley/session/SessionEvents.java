package parley.session;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;

import java.util.List;

/** Tells every node that sessions ended: their tokens stop working and their bridge connections close. */
public final class SessionEvents {

  private SessionEvents() {
  }

  public static void ended(EventBus bus, long tenantId, long userId, List<String> sessionIds) {
    if (!sessionIds.isEmpty()) {
      bus.publish(Addresses.SESSIONS_ENDED, new JsonObject().put("tenantId", Long.toString(tenantId))
        .put("userId", Long.toString(userId)).put("sessionIds", new JsonArray(sessionIds)));
    }
  }
}
