package parley.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import parley.bus.Addresses;

import java.util.HashMap;
import java.util.Map;

/**
 * One consumer of {@code room.<id>} on this node while any of its sockets may receive that room, counted. On a
 * cluster, a node receives a room's events only once the other nodes know it has a consumer of the room, which
 * takes a moment after the first registration here; the guard answers a room registration (and releases the requests
 * sent after it) only when this consumer has reached every node, so "register, then any request" misses nothing
 * published anywhere afterwards. The consumer does nothing itself: the sockets' own consumers here deliver.
 * Confined to the HTTP verticle's event loop.
 */
final class RoomAnchors {

  private record Anchor(MessageConsumer<Object> consumer, Future<Void> ready, int holders) {
  }

  private final EventBus bus;
  private final Map<Long, Anchor> anchors = new HashMap<>();

  RoomAnchors(EventBus bus) {
    this.bus = bus;
  }

  /** Completes once this node receives the room's events from every node. */
  Future<Void> hold(long roomId) {
    Anchor anchor = anchors.get(roomId);
    if (anchor == null) {
      MessageConsumer<Object> consumer = bus.consumer(Addresses.room(roomId), message -> { });
      anchor = new Anchor(consumer, consumer.completion(), 0);
    }
    anchors.put(roomId, new Anchor(anchor.consumer(), anchor.ready(), anchor.holders() + 1));
    return anchor.ready();
  }

  /** Whether a room already held receives its events from every node yet. */
  Future<Void> ready(long roomId) {
    Anchor anchor = anchors.get(roomId);
    return anchor == null ? Future.succeededFuture() : anchor.ready();
  }

  void release(long roomId) {
    Anchor anchor = anchors.get(roomId);
    if (anchor == null) {
      return;
    }
    if (anchor.holders() <= 1) {
      anchors.remove(roomId);
      anchor.consumer().unregister();
    } else {
      anchors.put(roomId, new Anchor(anchor.consumer(), anchor.ready(), anchor.holders() - 1));
    }
  }
}
