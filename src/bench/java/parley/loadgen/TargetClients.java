package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;

import static parley.loadgen.SetupReplies.expect;

/**
 * What a target talks to its server with, the same for every target: HTTP for the setup, WebSockets for the
 * connections (as many as one process may hold), all from one source address.
 */
final class TargetClients {

  final WebClient http;
  final long pid;
  private final WebSocketClient sockets;
  private final URI base;
  private final String localAddress;

  /** {@code localAddress}: the address connections come from (127.0.0.x spreads them over source ports), or null. */
  TargetClients(Vertx vertx, String url, long pid, String localAddress) {
    this.base = URI.create(url);
    this.pid = pid;
    this.localAddress = localAddress;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
      new PoolOptions().setHttp1MaxSize(64));
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(25_000)
      .setLocalAddress(localAddress).setMaxFrameSize(1 << 20));
  }

  /** A WebSocket to {@code uri} on the server; {@code bearer}: a token for its Authorization header, or null. */
  Future<WebSocket> connect(String uri, String bearer) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(uri);
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    return sockets.connect(options);
  }

  /** Both servers join a room the same way: {@code POST /api/rooms/<id>/join} with the person's token. */
  Future<Void> join(String user, String roomId) {
    return expect(http.post("/api/rooms/" + roomId + "/join").bearerTokenAuthentication(user).sendJsonObject(new JsonObject()), 200)
      .mapEmpty();
  }

  /** {@code server} at the URL, and where the connections come from. */
  String describe(String server) {
    return server + " at " + base + (localAddress == null ? "" : " from " + localAddress);
  }
}
