package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

@ExtendWith(VertxExtension.class)
@DisplayName("Presence on one node, in memory (no REDIS_URL)")
class MemoryPresenceTest extends PresenceContract {

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, settings());
    server.register("admin");
  }
}
