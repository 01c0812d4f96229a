package parley.push;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

/**
 * What every push test class starts: a server wired to fake push services of its own (PushTesting.settings), and
 * its first account, alice, a superadmin. The JWT secret is set so that a second node on the same database (the
 * queue's tests) accepts the same tokens.
 */
@ExtendWith(VertxExtension.class)
abstract class PushServerTest {

  static final String JWT_SECRET = "push-test-secret-0123456789-0123456789";

  static FakePushService fake;
  static TestServer server;
  static TestUser alice;

  @BeforeAll
  static void startServer(Vertx vertx) {
    fake = FakePushService.start(vertx);
    server = TestServer.start(vertx, serverSettings());
    alice = server.register("alice", "Alice A.");
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  static JsonObject serverSettings() {
    return PushTesting.settings(fake).put("JWT_SECRET", JWT_SECRET);
  }
}
