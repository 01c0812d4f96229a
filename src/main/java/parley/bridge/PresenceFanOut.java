package parley.bridge;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import parley.bus.Addresses;
import parley.bus.EventTypes;
import parley.bus.Fields;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presence changes reach the sockets of this node that watch the people concerned ({@code presence.watch}), as
 * {@code rec} frames on each watcher's own {@code user.<id>}, one per announcing round. Announcing to everyone in the
 * tenant would cost each change one frame per connection, so a tenant's people all reconnecting would cost the
 * square of their number; a change now costs one entry in a frame per watcher. Confined to the HTTP verticle's
 * event loop.
 */
final class PresenceFanOut {

  /**
   * Equal only to itself: it sits in the set of each person it watches, so a hash over those people would cost the
   * square of their number.
   */
  private static final class Watcher {
    final SockJSSocket socket;
    final long tenantId;
    final String address;
    final Set<Long> watched;

    Watcher(SockJSSocket socket, long tenantId, String address, Set<Long> watched) {
      this.socket = socket;
      this.tenantId = tenantId;
      this.address = address;
      this.watched = watched;
    }
  }

  private final Map<SockJSSocket, Watcher> watchers = new HashMap<>();
  private final Map<Long, Set<Watcher>> watchersOf = new HashMap<>();
  private final Counter deliveries;

  /** {@code deliveries} counts the frames written. */
  PresenceFanOut(Counter deliveries) {
    this.deliveries = deliveries;
  }

  /** From now on the socket hears of these people and no others; ids outside its tenant never match. */
  void watch(SockJSSocket socket, long tenantId, long userId, List<Long> userIds) {
    forget(socket);
    if (userIds.isEmpty()) {
      return;
    }
    Watcher watcher = new Watcher(socket, tenantId, Addresses.user(userId), Set.copyOf(userIds));
    watchers.put(socket, watcher);
    watcher.watched.forEach(watched -> watchersOf.computeIfAbsent(watched, id -> new HashSet<>()).add(watcher));
  }

  void forget(SockJSSocket socket) {
    Watcher watcher = watchers.remove(socket);
    if (watcher == null) {
      return;
    }
    for (Long watched : watcher.watched) {
      Set<Watcher> of = watchersOf.get(watched);
      of.remove(watcher);
      if (of.isEmpty()) {
        watchersOf.remove(watched);
      }
    }
  }

  /**
   * {@code {tenantId, users}}: one announcing round's changes in a tenant. Each watcher gets one
   * {@code presence.changed} with those of them it watches, so a round costs a connection one frame however many
   * changed: a tenant reconnecting at once would otherwise send each watcher a frame per person it watches.
   */
  void deliver(JsonObject round) {
    long tenantId = Fields.id(round.getValue("tenantId"));
    JsonArray users = round.getJsonArray("users");
    Map<Watcher, StringBuilder> frames = new IdentityHashMap<>();
    for (int i = 0; i < users.size(); i++) {
      JsonObject user = users.getJsonObject(i);
      Set<Watcher> of = watchersOf.get(Fields.id(user.getValue("userId")));
      if (of == null) {
        continue;
      }
      String encoded = user.encode();
      for (Watcher watcher : of) {
        if (watcher.tenantId == tenantId) {
          StringBuilder frame = frames.get(watcher);
          if (frame == null) {
            frames.put(watcher, new StringBuilder("{\"type\":\"rec\",\"address\":\"").append(watcher.address)
              .append("\",\"body\":{\"type\":\"").append(EventTypes.PRESENCE_CHANGED).append("\",\"users\":[").append(encoded));
          } else {
            frame.append(',').append(encoded);
          }
        }
      }
    }
    frames.forEach((watcher, frame) -> watcher.socket.write(Buffer.buffer(frame.append("]}}").toString())));
    deliveries.increment(frames.size());
  }
}
