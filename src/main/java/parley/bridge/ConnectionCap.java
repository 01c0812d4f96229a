package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.service.NodeLocal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bridge connections each person has open on this node, shared by every HTTP instance (each runs a guard
 * of its own on its own event loop). Past the cap a new connection is refused, not an old one closed: two clients of
 * one account that each reconnect when closed would otherwise take turns closing each other.
 */
final class ConnectionCap implements Shareable {

  private final Map<Long, Integer> open = new ConcurrentHashMap<>();
  private final int max;

  private ConnectionCap(int max) {
    this.max = max;
  }

  static ConnectionCap shared(Vertx vertx, int max) {
    return NodeLocal.of(vertx, "bridge.connectionCap", () -> new ConnectionCap(max));
  }

  /** Counts a new connection of the user's, or answers false when they have {@code max} open already. */
  boolean tryOpen(long userId) {
    boolean[] opened = {false};
    open.compute(userId, (user, count) -> {
      int now = count == null ? 0 : count;
      opened[0] = now < max;
      return opened[0] ? now + 1 : now;
    });
    return opened[0];
  }

  void closed(long userId) {
    open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
  }
}
