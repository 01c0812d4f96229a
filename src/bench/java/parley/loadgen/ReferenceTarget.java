package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;

import static parley.loadgen.SetupReplies.expect;

/**
 * The reference server Parley is compared with (scripts/bench-reference/server.js: Node.js, Socket.IO 4, PostgreSQL):
 * its HTTP setup endpoints, then Socket.IO over a raw WebSocket, with no polling first.
 */
final class ReferenceTarget implements ChatTarget {

  private static final String SOCKET_URI = "/socket.io/?EIO=4&transport=websocket";

  private final WebClient http;
  private final WebSocketClient sockets;
  private final URI base;
  private final long pid;
  private final String localAddress;

  /** {@code localAddress}: the address connections come from (127.0.0.x spreads them over source ports), or null. */
  ReferenceTarget(Vertx vertx, String url, long pid, String localAddress) {
    this.base = URI.create(url);
    this.pid = pid;
    this.localAddress = localAddress;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
      new PoolOptions().setHttp1MaxSize(64));
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(25_000)
      .setLocalAddress(localAddress).setMaxFrameSize(1 << 20));
  }

  @Override
  public Future<String> createUser(String name) {
    return expect(http.post("/api/users").sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getString("token"));
  }

  @Override
  public Future<String> createRoom(String owner, String name) {
    return expect(http.post("/api/rooms").bearerTokenAuthentication(owner).sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getString("id"));
  }

  @Override
  public Future<Void> join(String user, String roomId) {
    return expect(http.post("/api/rooms/" + roomId + "/join").bearerTokenAuthentication(user).sendJsonObject(new JsonObject()), 200)
      .mapEmpty();
  }

  @Override
  public Future<ChatConnection> connect(String user) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
      .setURI(SOCKET_URI);
    return sockets.connect(options).compose(socket -> SocketIoConnection.open(socket, user));
  }

  @Override
  public long serverPid() {
    return pid;
  }

  @Override
  public String toString() {
    return "reference (Socket.IO) at " + base + (localAddress == null ? "" : " from " + localAddress);
  }
}
