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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith(VertxExtension.class)
@DisplayName("Bridge connections per person")
class ConnectionCapTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("MAX_CONNECTIONS_PER_USER", 3));
  }

  @Test
  @DisplayName("rejects a connection past the cap, says why, and leaves the others and other people alone")
  void rejectsPastTheCap() {
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    List<BridgeClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        BridgeClient socket = alice.connect();
        open.add(socket);
        // Answered only once the guard has counted it: the sockets open on two event loops, and the cap refuses
        // whichever it counts fourth, which must be the fourth one opened.
        socket.request("presence.list", new JsonObject());
      }
      BridgeClient fourth = alice.connect();
      open.add(fourth);
      assertEquals(BridgeGuard.TOO_MANY_CODE + " " + BridgeGuard.TOO_MANY_REASON, fourth.awaitClose(2000));
      for (BridgeClient kept : open.subList(0, 3)) {
        assertFalse(kept.closing());
        kept.request("presence.list", new JsonObject());
      }
      try (BridgeClient bobs = bob.connect()) {
        bobs.request("presence.list", new JsonObject());
      }

      open.remove(0).close();
      BridgeClient again = alice.connect();
      open.add(again);
      again.request("presence.list", new JsonObject());
    } finally {
      open.forEach(BridgeClient::close);
    }
  }
}
