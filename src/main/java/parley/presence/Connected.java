package parley.presence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.bus.Fields;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** What other services ask presence ({@link Addresses#PRESENCE_CONNECTED_AMONG}): who has a live connection now. */
public final class Connected {

  private Connected() {
  }

  /** Those of {@code userIds} with a live connection on any node; fails while presence cannot tell. */
  public static Future<Set<Long>> among(Vertx vertx, long tenantId, Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonObject request = new JsonObject().put("userIds", new JsonArray(userIds.stream().map(id -> Long.toString(id)).toList()));
    return vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_CONNECTED_AMONG, request, Caller.tenantOnly(tenantId))
      .map(reply -> reply.body().getJsonArray("connected").stream().map(Fields::id).collect(Collectors.toSet()));
  }
}
