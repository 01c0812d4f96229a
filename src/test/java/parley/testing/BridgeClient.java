package parley.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bot's view of the bridge: the raw WebSocket at {@code /eventbus/websocket}, reading the server's binary
 * frames. Registration is confirmed by probing: the test publishes on the server's bus until the probe arrives.
 */
public final class BridgeClient implements AutoCloseable {

  public static final String PROBE = "test.probe";

  /** How a client proves who it is when it connects; {@code scope}: the {@code ?scope=} it names, if any. */
  public record Auth(String header, String value, String query, String scope) {
    public Auth(String header, String value, String query) { this(header, value, query, null); }
    public static Auth bearer(String token) { return new Auth("Authorization", "Bearer " + token, null); }
    /** An operator's browser on the console: the platform's cookie beside a tenant's, if any, and {@code ?scope=platform}. */
    public static Auth platformCookie(String cookies) { return new Auth("Cookie", cookies, null, "platform"); }
    public static Auth cookie(String token) { return new Auth("Cookie", "parley_token=" + token, null); }
    public static Auth query(String token) { return new Auth(null, null, token); }
    public static Auth none() { return new Auth(null, null, null); }
  }

  /** A failed request: the code and slug the service answered with. */
  public record Failure(int code, String slug) {
  }

  private final TestServer server;
  /** Held for as long as the socket: Vert.x closes a client's sockets once nothing refers to the client any more. */
  private final WebSocketClient client;
  private final WebSocket socket;
  /** Set when Vert.x starts to shut the socket down, which it then closes within 30 s. */
  private volatile boolean shuttingDown;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Map<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<JsonObject>> events = new ConcurrentHashMap<>();
  /** Frames that answer no request and belong to no address: the bridge's own refusals. */
  public final BlockingQueue<JsonObject> errors = new LinkedBlockingQueue<>();

  private BridgeClient(TestServer server, WebSocketClient client, WebSocket socket) {
    this.server = server;
    this.client = client;
    this.socket = socket;
    socket.binaryMessageHandler(this::onFrame);
    socket.textMessageHandler(text -> onFrame(Buffer.buffer(text)));
    socket.closeHandler(done -> {
      failPending();
      closed.complete(null);
    });
    socket.shutdownHandler(shutdown -> shuttingDown = true);
  }

  public static BridgeClient connect(TestServer server, Auth auth) {
    return connect(server, auth, null);
  }

  public static BridgeClient connect(TestServer server, Auth auth, String origin) {
    return connect(server, auth, origin, "localhost");
  }

  /** Connected as if to {@code host} (the Host header a browser there sends), the server being on this machine. */
  public static BridgeClient connect(TestServer server, Auth auth, String origin, String host) {
    WebSocketClient client = server.vertx.createWebSocketClient();
    // Handlers go on before the socket connects: a frame or a close that comes at once is then never missed.
    ClientWebSocket socket = client.webSocket();
    BridgeClient bridge = new BridgeClient(server, client, socket);
    socket.connect(options(server, auth, origin, host)).await();
    return bridge;
  }

  /** The connection attempt's failure, for the tests that expect a refusal. */
  public static Throwable refusal(TestServer server, Auth auth, String origin) {
    return refusal(server, auth, origin, "localhost");
  }

  public static Throwable refusal(TestServer server, Auth auth, String origin, String host) {
    WebSocketClient client = server.vertx.createWebSocketClient();
    Throwable refusal = client.connect(options(server, auth, origin, host)).map(ws -> (Throwable) null)
      .otherwise(failure -> failure).await();
    client.close().await();
    return refusal;
  }

  private static WebSocketConnectOptions options(TestServer server, Auth auth, String origin, String host) {
    java.util.List<String> query = new java.util.ArrayList<>();
    if (auth.query() != null) {
      query.add("token=" + auth.query());
    }
    if (auth.scope() != null) {
      query.add("scope=" + auth.scope());
    }
    String uri = "/eventbus/websocket" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(server.port).setURI(uri);
    if (!host.equals("localhost")) {
      // The client's own Origin would name localhost; a page at that host names the host.
      options.addHeader("Host", host + ":" + server.port);
      origin = origin == null ? "http://" + host + ":" + server.port : origin;
    }
    if (auth.header() != null) {
      options.addHeader(auth.header(), auth.value());
    }
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return options;
  }

  private void onFrame(Buffer data) {
    JsonObject frame = new JsonObject(data);
    String address = frame.getString("address");
    CompletableFuture<JsonObject> waiting = address == null ? null : pending.remove(address);
    if (waiting != null) {
      waiting.complete(frame);
    } else if ("rec".equals(frame.getString("type")) && address != null) {
      events.computeIfAbsent(address, a -> new LinkedBlockingQueue<>()).add(frame.getJsonObject("body"));
    } else {
      errors.add(frame);
    }
  }

  /** What the browser's client sends every 20 s to keep the socket (and its presence) alive. */
  public void ping() {
    sendRaw(new JsonObject().put("type", "ping").encode());
  }

  public void sendRaw(String text) {
    socket.writeTextMessage(text).await();
  }

  public void sendFrame(JsonObject frame) {
    sendRaw(frame.encode());
  }

  /** Registers and waits until events on the address really reach this socket. */
  public void register(String address) {
    sendFrame(new JsonObject().put("type", "register").put("address", address));
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      server.vertx.eventBus().publish(address, new JsonObject().put("type", PROBE));
      if (poll(address, 25) != null) {
        return;
      }
    }
    throw new AssertionError("registration of " + address + " never took effect; errors: " + errors);
  }

  /**
   * Registers, then waits until events published on each of the given nodes reach this socket: a registration
   * reaches the other nodes of a cluster a moment after it works on its own.
   */
  public void register(String address, TestServer... publishers) {
    register(address);
    for (TestServer publisher : publishers) {
      String from = UUID.randomUUID().toString();
      long deadline = System.currentTimeMillis() + 5000;
      boolean seen = false;
      while (!seen && System.currentTimeMillis() < deadline) {
        publisher.vertx.eventBus().publish(address, new JsonObject().put("type", PROBE).put("from", from));
        long until = System.currentTimeMillis() + 25;
        for (JsonObject event; !seen && (event = poll(address, Math.max(1, until - System.currentTimeMillis()))) != null; ) {
          seen = from.equals(event.getString("from"));
        }
      }
      if (!seen) {
        throw new AssertionError("events on " + address + " published on port " + publisher.port + " never arrived");
      }
    }
  }

  /** Registers where the bridge must refuse, and answers the refusal frame. */
  public JsonObject registerRefused(String address) {
    sendFrame(new JsonObject().put("type", "register").put("address", address));
    return nextError();
  }

  public JsonObject nextError() {
    try {
      JsonObject error = errors.poll(5, TimeUnit.SECONDS);
      if (error == null) {
        throw new AssertionError("expected an error frame, none came");
      }
      return error;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a request without waiting; the future completes with the reply frame. */
  public CompletableFuture<JsonObject> requestAsync(String address, Object body, JsonObject headers) {
    String replyAddress = UUID.randomUUID().toString();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(replyAddress, reply);
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body)
      .put("replyAddress", replyAddress);
    if (headers != null) {
      frame.put("headers", headers);
    }
    socket.writeTextMessage(frame.encode()).onFailure(reply::completeExceptionally);
    if (socket.isClosed()) {
      failPending();
    }
    return reply;
  }

  /** A request on a closed socket fails at once, saying so, rather than waiting for a reply that cannot come. */
  private void failPending() {
    IllegalStateException closed = new IllegalStateException("the socket closed (" + socket.closeStatusCode() + " "
      + socket.closeReason() + ")");
    pending.keySet().forEach(replyAddress -> {
      CompletableFuture<JsonObject> waiting = pending.remove(replyAddress);
      if (waiting != null) {
        waiting.completeExceptionally(closed);
      }
    });
  }

  /** Sends a request and waits for the reply frame ({@code rec} with a body, or {@code err}). */
  public JsonObject requestFrame(String address, Object body, JsonObject headers) {
    CompletableFuture<JsonObject> reply = requestAsync(address, body, headers);
    try {
      return reply.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no reply from " + address + " within 10 s; errors: " + errors, e);
    }
  }

  /** The reply body; fails the test if the service answered with an error. */
  public JsonObject request(String address, JsonObject body) {
    JsonObject frame = requestFrame(address, body, null);
    if (!"rec".equals(frame.getString("type"))) {
      throw new AssertionError("request to " + address + " failed: " + frame);
    }
    return frame.getJsonObject("body");
  }

  /** The error a request is answered with; fails the test if it succeeded. */
  public Failure requestFailure(String address, JsonObject body) {
    JsonObject frame = requestFrame(address, body, null);
    if (!"err".equals(frame.getString("type"))) {
      throw new AssertionError("request to " + address + " should have failed: " + frame);
    }
    return new Failure(frame.getInteger("failureCode"), frame.getString("message"));
  }

  /** The next event on an address that is not a probe, or null after the timeout. */
  public JsonObject poll(String address, long millis) {
    try {
      BlockingQueue<JsonObject> queue = events.computeIfAbsent(address, a -> new LinkedBlockingQueue<>());
      return queue.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next event of a type on an address, skipping probes and other types; fails after 5 s. */
  public JsonObject next(String address, String type) {
    return next(address, type, 5000);
  }

  /** As {@link #next(String, String)}, waiting up to {@code millis}. */
  public JsonObject next(String address, String type, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = poll(address, 100);
      if (event != null && type.equals(event.getString("type"))) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " on " + address + " within " + millis + " ms");
  }

  /**
   * Everything of a type that reached this socket on an address before a probe sent now on {@code barrierAddress}
   * arrives. Events published earlier on the server are queued ahead of the probe, so what has not come by then
   * never will.
   */
  public java.util.List<JsonObject> drain(String address, String type, String barrierAddress) {
    server.vertx.eventBus().publish(barrierAddress, new JsonObject().put("type", PROBE).put("barrier", true));
    long deadline = System.currentTimeMillis() + 5000;
    java.util.List<JsonObject> seen = new java.util.ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = poll(barrierAddress, 50);
      if (event != null && event.getBoolean("barrier", false)) {
        if (!barrierAddress.equals(address)) {
          events.getOrDefault(address, new LinkedBlockingQueue<>()).drainTo(seen);
        }
        seen.removeIf(candidate -> !type.equals(candidate.getString("type")));
        return seen;
      }
      if (event != null && barrierAddress.equals(address)) {
        seen.add(event);
      }
    }
    throw new AssertionError("the barrier probe on " + barrierAddress + " never arrived");
  }

  /** Waits until the socket has closed, and answers the code and reason the server closed it with, e.g. "1000 bye". */
  public String awaitClose(long millis) {
    try {
      closed.get(millis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the socket did not close within " + millis + " ms", e);
    }
    return socket.closeStatusCode() + " " + socket.closeReason();
  }

  /** Whether the socket is closed or on its way to closing. */
  public boolean closing() {
    return shuttingDown || socket.isClosed();
  }

  @Override
  public void close() {
    socket.close().await();
    client.close().await();
  }
}
