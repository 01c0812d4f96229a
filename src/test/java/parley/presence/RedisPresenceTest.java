package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

import java.util.UUID;

/** The machine's Redis, each run under keys of its own. */
@ExtendWith(VertxExtension.class)
@DisplayName("Presence shared through Redis")
class RedisPresenceTest extends PresenceContract {

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, settings().put("REDIS_URL", "redis://127.0.0.1:6379")
      .put("REDIS_KEY_PREFIX", "parley-test-" + UUID.randomUUID() + ":"));
    server.register("admin");
  }
}
