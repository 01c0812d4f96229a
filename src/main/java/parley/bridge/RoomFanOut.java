package parley.bridge;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import parley.bus.Addresses;
import parley.metrics.ParleyMetrics;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Room events reach this node's sockets through one consumer of {@code room.<id>} per node, which encodes each event
 * into its frame once and writes that frame to every socket here allowed to receive the room. The stock bridge
 * would give each socket a consumer of its own, copying and encoding every event once per socket, and registering
 * every socket's room with the whole cluster.
 *
 * <p>On a cluster a node receives a room's events only once the other nodes know it has a consumer of the room,
 * which takes a moment after the first socket here joins it; {@link #add} completes when that has happened, and the
 * guard answers the registration only then, so "register, then any request" misses nothing published anywhere.
 * Confined to the HTTP verticle's event loop.
 */
final class RoomFanOut {

  private record Room(MessageConsumer<Object> consumer, Future<Void> ready, Set<SockJSSocket> sockets) {
  }

  private final EventBus bus;
  private final Map<Long, Room> rooms = new HashMap<>();
  private final ParleyMetrics metrics;
  private final Counter deliveries;

  RoomFanOut(EventBus bus, ParleyMetrics metrics) {
    this.bus = bus;
    this.metrics = metrics;
    this.deliveries = metrics.roomDeliveries();
  }

  /** The socket receives the room's events from now on; completes once they reach this node from every node. */
  Future<Void> add(long roomId, SockJSSocket socket) {
    Room room = rooms.get(roomId);
    if (room == null) {
      Set<SockJSSocket> sockets = new LinkedHashSet<>();
      MessageConsumer<Object> consumer = bus.consumer(Addresses.room(roomId), message -> deliver(roomId, sockets, message));
      room = new Room(consumer, consumer.completion(), sockets);
      rooms.put(roomId, room);
      metrics.bridgeRoomAdded();
    }
    room.sockets().add(socket);
    return room.ready();
  }

  /** Whether a room this node receives already reaches it from every node. */
  Future<Void> ready(long roomId) {
    Room room = rooms.get(roomId);
    return room == null ? Future.succeededFuture() : room.ready();
  }

  void remove(long roomId, SockJSSocket socket) {
    Room room = rooms.get(roomId);
    if (room != null && room.sockets().remove(socket) && room.sockets().isEmpty()) {
      rooms.remove(roomId);
      room.consumer().unregister();
      metrics.bridgeRoomRemoved();
    }
  }

  /** The frame the stock bridge would write, made once: {@code {type: "rec", address, body, headers?}}. */
  private void deliver(long roomId, Set<SockJSSocket> sockets, Message<Object> message) {
    if (sockets.isEmpty() || !(message.body() instanceof JsonObject body)) {
      return;
    }
    JsonObject envelope = new JsonObject().put("type", "rec").put("address", Addresses.room(roomId)).put("body", body);
    if (!message.headers().isEmpty()) {
      JsonObject headers = new JsonObject();
      for (String name : message.headers().names()) {
        List<String> values = message.headers().getAll(name);
        headers.put(name, values.size() == 1 ? values.get(0) : values);
      }
      envelope.put("headers", headers);
    }
    Buffer frame = envelope.toBuffer();
    List<SockJSSocket> receivers = List.copyOf(sockets);
    for (SockJSSocket socket : receivers) {
      socket.write(frame);
    }
    deliveries.increment(receivers.size());
  }
}
