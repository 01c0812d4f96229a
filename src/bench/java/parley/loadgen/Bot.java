package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * One person on the bridge across reconnects, as docs/protocol.md ("Reconnecting") asks of a client: on every
 * connect it registers {@code user.<id>} and each of its rooms, then calls {@code chat.sync} once with its cursors
 * (again for a room whose page says {@code more}). It keeps the {@code seq}s of every message it has seen per room,
 * from events and syncs alike, so it can say what it misses. Its methods may run on any event loop.
 */
final class Bot {

  final int index;
  final String token;
  final long userId;
  final List<String> rooms;
  private final Map<String, BitSet> seen = new HashMap<>();
  /** Per room, the cursor the last sync answered: every change up to it must be held. */
  private final Map<String, Long> synced = new HashMap<>();
  private volatile BridgeConnection connection;
  private volatile int unaskedCloses;

  Bot(int index, String token, List<String> rooms) {
    this.index = index;
    this.token = token;
    this.rooms = List.copyOf(rooms);
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    this.userId = Long.parseLong(claims.getString("sub"));
    rooms.forEach(room -> seen.put(room, new BitSet()));
  }

  /**
   * Connects, registers, and syncs from its cursors; completes once the sync (and any {@code more}) is applied, and
   * the presence of the {@code watch} people around it in the order of registration is answered (as the web app
   * watches the members of the room it shows).
   */
  Future<BridgeConnection> connect(ChatTarget target, int watch) {
    return target.connect(token).compose(opened -> {
      BridgeConnection socket = (BridgeConnection) opened;
      connection = socket;
      socket.onClose(() -> {
        if (connection == socket) {
          unaskedCloses++;
        }
      });
      socket.listen((roomId, seq, content) -> arrived(roomId, seq));
      socket.register("user." + userId);
      rooms.forEach(room -> socket.register("room." + room));
      long firstWatched = Math.max(1, userId - watch / 2);
      Future<Void> watched = watch == 0 ? Future.succeededFuture() : socket.request("presence.watch", new JsonObject()
        .put("userIds", new JsonArray(LongStream.range(firstWatched, firstWatched + watch).mapToObj(Long::toString).toList())))
        .mapEmpty();
      return Future.all(sync(socket, cursors(rooms)), watched).map(socket);
    });
  }

  private Future<Void> sync(BridgeConnection socket, JsonObject cursors) {
    return socket.request("chat.sync", new JsonObject().put("cursors", cursors)).compose(reply -> {
      JsonObject byRoom = reply.getJsonObject("rooms");
      List<String> more = new ArrayList<>();
      for (String room : byRoom.fieldNames()) {
        JsonObject page = byRoom.getJsonObject(room);
        page.getJsonArray("messages").forEach(message -> arrived(room, ((JsonObject) message).getLong("seq")));
        synced(room, page.getLong("cursor"));
        if (page.getBoolean("more", false)) {
          more.add(room);
        }
      }
      return more.isEmpty() ? Future.succeededFuture() : sync(socket, cursors(more));
    });
  }

  private synchronized void arrived(String room, long seq) {
    BitSet ofRoom = seen.get(room);
    if (ofRoom != null) {
      ofRoom.set((int) seq);
    }
  }

  private synchronized void synced(String room, long cursor) {
    synced.put(room, cursor);
  }

  /** Per room, the highest number up to which every change has been seen. */
  private synchronized JsonObject cursors(List<String> of) {
    JsonObject cursors = new JsonObject();
    of.forEach(room -> cursors.put(room, (long) seen.get(room).nextClearBit(1) - 1));
    return cursors;
  }

  /** Changes up to the last sync's cursors that it does not hold: none, once it is caught up. */
  synchronized long missingSinceSync() {
    long missing = 0;
    for (Map.Entry<String, Long> room : synced.entrySet()) {
      missing += missing(room.getKey(), room.getValue());
    }
    return missing;
  }

  /** Of the changes {@code 1..upTo} of the room, how many it never saw. */
  synchronized long missing(String room, long upTo) {
    BitSet ofRoom = seen.get(room);
    return ofRoom == null ? 0 : upTo - ofRoom.get(1, (int) upTo + 1).cardinality();
  }

  void ping() {
    BridgeConnection socket = connection;
    if (socket != null) {
      socket.heartbeat();
    }
  }

  /** Closes its socket, as a dropped network or a restarted proxy would; it holds on to what it has seen. */
  Future<Void> drop() {
    BridgeConnection socket = connection;
    connection = null;
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  /** Times the server closed its socket without being asked. */
  int unaskedCloses() {
    return unaskedCloses;
  }

  BridgeConnection connection() {
    return connection;
  }
}
