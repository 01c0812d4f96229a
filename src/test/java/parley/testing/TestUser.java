package parley.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/** A signed-in account and the REST calls it makes with its Bearer token. */
public final class TestUser {

  /** Every test account's password, unless a test changes it. */
  public static final String PASSWORD = "correct horse battery";

  public final TestServer server;
  public final JsonObject user;
  public final String token;
  /** The host its requests name: its tenant's (see docs/tenancy.md); null for the default tenant's localhost. */
  public final String host;

  public TestUser(TestServer server, JsonObject user, String token) {
    this(server, user, token, null);
  }

  public TestUser(TestServer server, JsonObject user, String token, String host) {
    this.server = server;
    this.user = user;
    this.token = token;
    this.host = host;
  }

  public String id() {
    return user.getString("id");
  }

  public String username() {
    return user.getString("username");
  }

  public HttpResponse<Buffer> get(String path) {
    return request(HttpMethod.GET, path).send().await();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> delete(String path) {
    return request(HttpMethod.DELETE, path).send().await();
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = server.http.request(method, path).bearerTokenAuthentication(token);
    return host == null ? request : request.virtualHost(host);
  }

  /** The id of the default room, #general, which every user is in and is listed first. */
  public String generalRoomId() {
    return get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").getJsonObject(0).getString("id");
  }

  /** Creates a public room (the caller needs a role that may) and answers its id. */
  public String createRoom(String name) {
    HttpResponse<Buffer> response = post("/api/rooms", new JsonObject().put("name", name));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("create room " + name + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("room").getString("id");
  }

  /** Creates a public room as {@link #createRoom(String)} does, and has each of {@code members} join it. */
  public String createRoom(String name, TestUser... members) {
    String roomId = createRoom(name);
    for (TestUser member : members) {
      member.join(roomId);
    }
    return roomId;
  }

  public void join(String roomId) {
    HttpResponse<Buffer> response = post("/api/rooms/" + roomId + "/join", new JsonObject());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("join " + roomId + ": " + response.statusCode() + " " + response.bodyAsString());
    }
  }

  public BridgeClient connect() {
    return BridgeClient.connect(server, BridgeClient.Auth.bearer(token), null, host == null ? "localhost" : host);
  }
}
