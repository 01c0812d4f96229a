package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One person on the reference server: Socket.IO (protocol 5) over Engine.IO 4 on a raw WebSocket, one packet a text
 * frame. Engine.IO's packet type is the first character ({@code 0} open, {@code 2} ping, {@code 3} pong,
 * {@code 4} message), Socket.IO's the second ({@code 0} connect, {@code 2} event, {@code 3} ack, {@code 4} connect
 * error); an event with an ack id carries it before its JSON array. Room messages are read by looking for the few
 * fields needed rather than parsing the frame, as {@link BridgeConnection} does, for the generator's share of the cores.
 */
final class SocketIoConnection implements ChatConnection {

  private static final String MESSAGE_EVENT = "42[\"message\",{";
  private static final String ROOM_ID = "\"roomId\":\"";
  private static final String SEQ = "\"seq\":";
  private static final String CONTENT = "\"content\":\"";

  private final WebSocket socket;
  private final Promise<ChatConnection> connected = Promise.promise();
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ackIds = new AtomicLong();
  private volatile Listener listener = (roomId, seq, content) -> { };

  private SocketIoConnection(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(this::packet);
    socket.closeHandler(closed -> {
      connected.tryFail("the socket closed");
      pending.values().forEach(waiting -> waiting.tryFail("the socket closed"));
    });
  }

  /** Connects to the main namespace with the person's token; completes once the server has let them in. */
  static Future<ChatConnection> open(WebSocket socket, String token) {
    SocketIoConnection connection = new SocketIoConnection(socket);
    socket.writeTextMessage("40" + new JsonObject().put("token", token).encode());
    return connection.connected.future();
  }

  @Override
  public void listen(Listener listener) {
    this.listener = listener;
  }

  /** The server acks a join once the socket is in the room, so every message emitted afterwards reaches it. */
  @Override
  public Future<Void> join(String roomId) {
    return emit("join", new JsonObject().put("roomId", roomId));
  }

  @Override
  public Future<Void> send(String roomId, String content) {
    return emit("send", new JsonObject().put("roomId", roomId).put("content", content));
  }

  /** Nothing to do: the server pings every 25 s and {@link #packet} answers. */
  @Override
  public void heartbeat() {
  }

  private Future<Void> emit(String event, JsonObject body) {
    long id = ackIds.incrementAndGet();
    Promise<JsonObject> answered = Promise.promise();
    pending.put(id, answered);
    socket.writeTextMessage("42" + id + new JsonArray().add(event).add(body).encode());
    return answered.future().compose(answer -> answer.getBoolean("ok", false) ? Future.succeededFuture()
      : Future.failedFuture(event + ": " + answer.getString("error")));
  }

  private void packet(String text) {
    if (text.startsWith(MESSAGE_EVENT)) {
      message(text);
    } else if (text.startsWith("43")) {
      acked(text);
    } else if (text.equals("2")) {
      socket.writeTextMessage("3");
    } else if (text.startsWith("40")) {
      connected.tryComplete(this);
    } else if (text.startsWith("44")) {
      connected.tryFail("refused: " + text.substring(2));
    }
  }

  private void message(String text) {
    int room = text.indexOf(ROOM_ID, MESSAGE_EVENT.length()) + ROOM_ID.length();
    String roomId = text.substring(room, text.indexOf('"', room));
    int content = text.indexOf(CONTENT, room) + CONTENT.length();
    listener.message(roomId, number(text, text.indexOf(SEQ, room) + SEQ.length()), text.substring(content, text.indexOf('"', content)));
  }

  private void acked(String text) {
    int array = text.indexOf('[');
    Promise<JsonObject> waiting = pending.remove(number(text, 2));
    if (waiting != null) {
      waiting.complete(new JsonArray(text.substring(array)).getJsonObject(0));
    }
  }

  private static long number(String text, int from) {
    long value = 0;
    for (int i = from; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
