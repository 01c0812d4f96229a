package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;

import static parley.loadgen.SetupReplies.expect;

/** Parley over its REST API and its event-bus bridge, the way a bot uses them (docs/protocol.md). */
final class ParleyTarget implements ChatTarget {

  private final WebClient http;
  private final WebSocketClient sockets;
  private final URI base;
  private final long pid;
  private final String localAddress;

  /** {@code localAddress}: the address connections come from (127.0.0.x spreads them over source ports), or null. */
  ParleyTarget(Vertx vertx, String url, long pid, String localAddress) {
    this.base = URI.create(url);
    this.pid = pid;
    this.localAddress = localAddress;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
      new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(25_000)
      .setLocalAddress(localAddress).setMaxFrameSize(1 << 20));
  }

  @Override
  public Future<String> createUser(String name) {
    return expect(http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", name)
      .put("password", "load generator").put("displayName", "Load " + name)), 201)
      .map(body -> body.getString("token"));
  }

  @Override
  public Future<String> createRoom(String owner, String name) {
    return expect(http.post("/api/rooms").bearerTokenAuthentication(owner).sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getJsonObject("room").getString("id"));
  }

  @Override
  public Future<Void> join(String user, String roomId) {
    return expect(http.post("/api/rooms/" + roomId + "/join").bearerTokenAuthentication(user).sendJsonObject(new JsonObject()), 200)
      .mapEmpty();
  }

  @Override
  public Future<ChatConnection> connect(String user) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
      .setURI("/eventbus/websocket").addHeader("Authorization", "Bearer " + user);
    return sockets.connect(options).map(BridgeConnection::new);
  }

  @Override
  public long serverPid() {
    return pid;
  }

  @Override
  public String toString() {
    return "Parley at " + base + (localAddress == null ? "" : " from " + localAddress);
  }
}
