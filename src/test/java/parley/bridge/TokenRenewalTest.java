package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith(VertxExtension.class)
@DisplayName("auth.token: an open connection takes a renewed token of its own person (Parley's own tokens, AUTH_MODE local)")
class TokenRenewalTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
  }

  private static int logout(TestUser user) {
    return server.http.post("/api/auth/logout").bearerTokenAuthentication(user.token).send().await().statusCode();
  }

  private static JsonObject roundTrip(BridgeClient socket) {
    return socket.request("presence.list", new JsonObject());
  }

  @Test
  @DisplayName("the connection moves into the new token's session: ending the old one leaves it open, ending the new one closes it")
  void followsTheNewSession() {
    TestUser first = server.login(alice);
    TestUser second = server.login(alice);
    try (BridgeClient socket = first.connect()) {
      assertEquals(true, socket.request("auth.token", new JsonObject().put("token", second.token)).getBoolean("renewed"));
      assertEquals(200, logout(first));
      roundTrip(socket);
      assertFalse(socket.closing(), "ending the old session closed the connection");
      assertEquals(200, logout(second));
      assertEquals("4001 session_ended", socket.awaitClose(2000));
    }
  }

  @Test
  @DisplayName("rejects another person's token, a token whose session ended, a forged one, none, and a body that is no object; the connection keeps its own")
  void rejectsOtherTokens() {
    TestUser holder = server.login(alice);
    TestUser ended = server.login(alice);
    assertEquals(200, logout(ended));
    try (BridgeClient socket = holder.connect()) {
      assertEquals(new BridgeClient.Failure(403, "token_other_person"),
        socket.requestFailure("auth.token", new JsonObject().put("token", server.login(bob).token)));
      assertEquals(new BridgeClient.Failure(401, "unauthenticated"),
        socket.requestFailure("auth.token", new JsonObject().put("token", ended.token)));
      assertEquals(new BridgeClient.Failure(401, "unauthenticated"),
        socket.requestFailure("auth.token", new JsonObject().put("token", holder.token + "x")));
      assertEquals(new BridgeClient.Failure(401, "unauthenticated"), socket.requestFailure("auth.token", new JsonObject()));
      assertEquals(new BridgeClient.Failure(401, "unauthenticated"), socket.requestFailure("auth.token", new JsonObject().put("token", 7)));
      JsonObject notAnObject = socket.requestFrame("auth.token", "a token", null);
      assertEquals(400, notAnObject.getInteger("failureCode"), notAnObject.encode());
      assertEquals("invalid_request", notAnObject.getString("message"));
      roundTrip(socket);
      assertEquals(200, logout(holder));
      assertEquals("4001 session_ended", socket.awaitClose(2000));
    }
  }
}
