package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import static parley.loadgen.SetupReplies.expect;

/**
 * The reference server Parley is compared with (scripts/bench-reference/server.js: Node.js, Socket.IO 4, PostgreSQL):
 * its HTTP setup endpoints, then Socket.IO over a raw WebSocket, with no polling first.
 */
final class ReferenceTarget implements ChatTarget {

  private static final String SOCKET_URI = "/socket.io/?EIO=4&transport=websocket";

  private final TargetClients clients;

  /** {@code localAddress}: the address connections come from (127.0.0.x spreads them over source ports), or null. */
  ReferenceTarget(Vertx vertx, String url, long pid, String localAddress) {
    this.clients = new TargetClients(vertx, url, pid, localAddress);
  }

  @Override
  public Future<String> createUser(String name) {
    return expect(clients.http.post("/api/users").sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getString("token"));
  }

  @Override
  public Future<String> createRoom(String owner, String name) {
    return expect(clients.http.post("/api/rooms").bearerTokenAuthentication(owner).sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getString("id"));
  }

  @Override
  public Future<Void> join(String user, String roomId) {
    return clients.join(user, roomId);
  }

  @Override
  public Future<ChatConnection> connect(String user) {
    return clients.connect(SOCKET_URI, null).compose(socket -> SocketIoConnection.open(socket, user));
  }

  @Override
  public long serverPid() {
    return clients.pid;
  }

  @Override
  public String toString() {
    return clients.describe("reference (Socket.IO)");
  }
}
