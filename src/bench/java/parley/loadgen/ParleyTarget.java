package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import static parley.loadgen.SetupReplies.expect;

/** Parley over its REST API and its event-bus bridge, the way a bot uses them (docs/protocol.md). */
final class ParleyTarget implements ChatTarget {

  private final TargetClients clients;

  /** {@code localAddress}: the address connections come from (127.0.0.x spreads them over source ports), or null. */
  ParleyTarget(Vertx vertx, String url, long pid, String localAddress) {
    this.clients = new TargetClients(vertx, url, pid, localAddress);
  }

  @Override
  public Future<String> createUser(String name) {
    return expect(clients.http.post("/api/auth/register").sendJsonObject(new JsonObject().put("username", name)
      .put("password", "load generator").put("displayName", "Load " + name)), 201)
      .map(body -> body.getString("token"));
  }

  @Override
  public Future<String> createRoom(String owner, String name) {
    return expect(clients.http.post("/api/rooms").bearerTokenAuthentication(owner).sendJsonObject(new JsonObject().put("name", name)), 201)
      .map(body -> body.getJsonObject("room").getString("id"));
  }

  @Override
  public Future<Void> join(String user, String roomId) {
    return clients.join(user, roomId);
  }

  @Override
  public Future<ChatConnection> connect(String user) {
    return clients.connect("/eventbus/websocket", user).map(BridgeConnection::new);
  }

  @Override
  public long serverPid() {
    return clients.pid;
  }

  @Override
  public String toString() {
    return clients.describe("Parley");
  }
}
