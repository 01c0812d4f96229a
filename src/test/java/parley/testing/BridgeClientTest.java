package parley.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tests' own bridge client, which every bridge and cluster test trusts: a socket that closed under a test made
 * ClusterTest look as if the cluster held a chat.send for 45 s.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The tests' bridge client")
class BridgeClientTest {

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
  }

  @Test
  @DisplayName("keeps its socket through garbage collections (Vert.x closes the sockets of a client nobody refers to)")
  void socketOutlivesGarbageCollection() throws Exception {
    try (BridgeClient client = alice.connect()) {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      assertFalse(client.closing(), "the socket is being shut down");
      assertEquals(new JsonObject(), client.request("chat.sync", new JsonObject().put("cursors", new JsonObject()))
        .getJsonObject("rooms"));
    }
  }

  @Test
  @DisplayName("fails a request on a closed socket at once, saying so, instead of waiting for a reply")
  void requestOnClosedSocketFails() {
    BridgeClient client = alice.connect();
    client.close();
    long start = System.currentTimeMillis();
    ExecutionException failure = assertThrows(ExecutionException.class,
      () -> client.requestAsync("chat.sync", new JsonObject(), null).get(5, TimeUnit.SECONDS));
    assertTrue(failure.getCause().getMessage().contains("closed"), failure.getCause().getMessage());
    assertTrue(System.currentTimeMillis() - start < 1000, "failed after " + (System.currentTimeMillis() - start) + " ms");
  }
}
