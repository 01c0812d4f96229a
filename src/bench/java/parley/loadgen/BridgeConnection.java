package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bot on Parley's bridge: a raw WebSocket carrying the bridge's JSON frames (the server's come as binary
 * frames). Room messages, tens of thousands a second, are read by looking for the few fields needed rather than
 * parsing the whole frame, so the generator spends its share of the two cores on sending and timing.
 */
final class BridgeConnection implements ChatConnection {

  private static final String ROOM_ADDRESS = "\"address\":\"room.";

  private final WebSocket socket;
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicLong replies = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private volatile Listener listener = (roomId, seq, content) -> { };
  private volatile Runnable onClose = () -> { };

  BridgeConnection(WebSocket socket) {
    this.socket = socket;
    socket.binaryMessageHandler(this::frame);
    socket.textMessageHandler(text -> frame(Buffer.buffer(text)));
    socket.closeHandler(closed -> {
      pending.values().forEach(waiting -> waiting.tryFail("the socket closed"));
      onClose.run();
    });
  }

  /** Runs when the socket closes, whichever side closed it. */
  void onClose(Runnable handler) {
    this.onClose = handler;
  }

  @Override
  public void listen(Listener listener) {
    this.listener = listener;
  }

  /** Registers the room, then asks anything: the bridge answers a request only once the registrations before it hold. */
  @Override
  public Future<Void> join(String roomId) {
    socket.writeTextMessage(new JsonObject().put("type", "register").put("address", "room." + roomId).encode());
    return request("chat.sync", new JsonObject().put("cursors", new JsonObject())).mapEmpty();
  }

  /** Starts receiving an address; the server confirms nothing, but answers every later request only after it. */
  void register(String address) {
    socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode());
  }

  @Override
  public Future<Void> send(String roomId, String content) {
    return request("chat.send", new JsonObject().put("roomId", roomId).put("content", content)).mapEmpty();
  }

  @Override
  public void heartbeat() {
    socket.writeTextMessage("{\"type\":\"ping\"}");
  }

  /** A request on the bridge; answers the reply's body, or fails with the error's code and slug. */
  Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = "r" + replies.incrementAndGet();
    Promise<JsonObject> answered = Promise.promise();
    pending.put(replyAddress, answered);
    socket.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("body", body)
      .put("replyAddress", replyAddress).encode());
    return answered.future();
  }

  private void frame(Buffer data) {
    String text = data.toString(StandardCharsets.UTF_8);
    int room = text.indexOf(ROOM_ADDRESS);
    if (room >= 0 && room < 64) {
      if (text.contains("\"type\":\"message.new\"")) {
        String roomId = text.substring(room + ROOM_ADDRESS.length(), text.indexOf('"', room + ROOM_ADDRESS.length()));
        int message = text.indexOf("\"message\":{");
        listener.message(roomId, number(text, text.indexOf("\"seq\":", message) + 6), string(text, text.indexOf("\"content\":\"", message) + 11));
      }
      return;
    }
    JsonObject frame = new JsonObject(text);
    if ("err".equals(frame.getString("type")) && frame.getString("address") == null) {
      refusals.incrementAndGet();
    }
    Promise<JsonObject> waiting = frame.getString("address") == null ? null : pending.remove(frame.getString("address"));
    if (waiting != null) {
      if ("rec".equals(frame.getString("type"))) {
        waiting.complete(frame.getJsonObject("body"));
      } else {
        waiting.fail(frame.getValue("failureCode") + " " + frame.getString("message"));
      }
    }
  }

  private static long number(String text, int from) {
    long value = 0;
    for (int i = from; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  /** A string field's value; the generator's own texts have no quotes or escapes in them. */
  private static String string(String text, int from) {
    return text.substring(from, text.indexOf('"', from));
  }

  /** Frames the bridge refused (a registration of a room one is not in, say), which name no address. */
  long refusals() {
    return refusals.get();
  }

  /** Where the connection comes from, as the server sees it. */
  String localHost() {
    return socket.localAddress().host();
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
