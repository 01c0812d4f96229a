package parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import parley.testing.TestServer;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bot on the raw bridge WebSocket, lighter than {@code BridgeClient}: it keeps no queues, and notes on arrival, in
 * its own event loop, how long each benchmark message took since the sender wrote it. Sender and receivers live in
 * one JVM, so {@link System#nanoTime()} written into the content is a clock they share.
 */
final class LatencyClient {

  private static final String PREFIX = "bench ";

  /** Which node this socket is connected to. */
  final String node;
  private final WebSocket socket;
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  /** Nanoseconds from send to arrival, by the message's sequence number; -1 while not arrived. */
  private final long[] latencies;
  /** {@link System#nanoTime()} at arrival, by sequence number. */
  private final long[] arrivals;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private LatencyClient(String node, WebSocket socket, int capacity) {
    this.node = node;
    this.socket = socket;
    this.latencies = new long[capacity];
    this.arrivals = new long[capacity];
    Arrays.fill(latencies, -1);
    socket.binaryMessageHandler(this::onFrame);
    socket.textMessageHandler(text -> onFrame(Buffer.buffer(text)));
  }

  /** Connects as the user of {@code token}; room for {@code capacity} benchmark messages. Blocking. */
  static LatencyClient connect(WebSocketClient client, TestServer server, String node, String token, int capacity) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
      .setURI("/eventbus/websocket").addHeader("Authorization", "Bearer " + token);
    return new LatencyClient(node, client.connect(options).await(), capacity);
  }

  private void onFrame(Buffer data) {
    long now = System.nanoTime();
    JsonObject frame = new JsonObject(data);
    String address = frame.getString("address");
    Promise<JsonObject> waiting = address == null ? null : pending.remove(address);
    if (waiting != null) {
      waiting.complete(frame);
      return;
    }
    JsonObject body = frame.getValue("body") instanceof JsonObject json ? json : null;
    if (body != null && "message.new".equals(body.getString("type"))) {
      String content = body.getJsonObject("message").getString("content", "");
      if (content.startsWith(PREFIX)) {
        String[] parts = content.split(" ");
        int seq = Integer.parseInt(parts[1]);
        latencies[seq] = now - Long.parseLong(parts[2]);
        arrivals[seq] = now;
        // After the write above: whoever reads arrived() sees the latency.
        arrived.incrementAndGet();
      }
    }
  }

  /** The content of benchmark message {@code seq}, stamped now. */
  static String content(int seq) {
    return PREFIX + seq + " " + System.nanoTime();
  }

  /** The sequence number in a benchmark message's content, or -1 for any other content. */
  static int seqOf(String content) {
    return content != null && content.startsWith(PREFIX) ? Integer.parseInt(content.split(" ")[1]) : -1;
  }

  /**
   * Registers the room, then waits for a request's answer: from then on, the protocol promises, what any node
   * publishes on the room reaches this socket.
   */
  void listen(String roomId) {
    socket.writeTextMessage(new JsonObject().put("type", "register").put("address", "room." + roomId).encode());
    JsonObject answer = request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(roomId, 0))).await();
    if (!"rec".equals(answer.getString("type"))) {
      throw new IllegalStateException("chat.sync refused: " + answer);
    }
  }

  /** Sends benchmark message {@code seq} to the room without waiting; a refusal is counted. */
  void send(String roomId, int seq) {
    request("chat.send", new JsonObject().put("roomId", roomId).put("content", content(seq))).onSuccess(answer -> {
      if (!"rec".equals(answer.getString("type"))) {
        refused.incrementAndGet();
      }
    });
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = UUID.randomUUID().toString();
    Promise<JsonObject> reply = Promise.promise();
    pending.put(replyAddress, reply);
    socket.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("body", body)
      .put("replyAddress", replyAddress).encode());
    return reply.future();
  }

  /** What the web app sends every 20 s; without it the bridge closes the socket after 90 s. */
  void ping() {
    socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
  }

  int arrived() {
    return arrived.get();
  }

  int refused() {
    return refused.get();
  }

  /** Nanoseconds from send to arrival of message {@code seq}, or -1 when it has not arrived. */
  long latency(int seq) {
    return latencies[seq];
  }

  /** When message {@code seq} arrived, in {@link System#nanoTime()}; meaningful once {@link #latency} is not -1. */
  long arrival(int seq) {
    return arrivals[seq];
  }

  void close() {
    socket.close().await();
  }
}
