package parley.presence;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestRedis;
import parley.testing.TestServer;

import java.util.List;

/** Presence in a Redis of the test's own, which restarts empty while Parley runs on. */
@ExtendWith(VertxExtension.class)
@DisplayName("What people chose outlives a Redis that restarts empty")
class ChosenPresenceInRedisTest extends ChosenPresenceContract {

  private static TestRedis redis;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = TestRedis.start();
    server = TestServer.start(vertx, new JsonObject().put("REDIS_URL", redis.url()));
    server.register("admin");
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  void forgetPresence() throws Exception {
    redis.restart();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!presenceAnswers()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("presence did not reach the restarted Redis");
      }
      Thread.sleep(100);
    }
  }

  /** Asking who is connected fails while presence cannot reach its store, and reads nothing that was chosen. */
  private static boolean presenceAnswers() {
    return Connected.among(server.vertx, 1, List.of(1L)).map(connected -> true).otherwise(false).await();
  }
}
