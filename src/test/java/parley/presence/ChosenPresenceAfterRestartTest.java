package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

/** Presence in memory (no REDIS_URL), which a restart of Parley empties. */
@ExtendWith(VertxExtension.class)
@DisplayName("What people chose outlives a restart of Parley (presence in memory)")
class ChosenPresenceAfterRestartTest extends ChosenPresenceContract {

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    server.register("admin");
  }

  @Override
  void forgetPresence() {
    server.restart();
  }
}
