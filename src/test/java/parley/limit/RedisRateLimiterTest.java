package parley.limit;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.config.AppConfig;

import java.net.ServerSocket;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Rate limits in Redis hold across nodes, and give way when Redis does not answer")
class RedisRateLimiterTest {

  private static AppConfig redisAt(String url) {
    return AppConfig.withOverrides(new JsonObject().put("REDIS_URL", url)
      .put("REDIS_KEY_PREFIX", "parley-test-" + UUID.randomUUID() + ":"));
  }

  @Test
  @DisplayName("two nodes' limiters of one name share one budget per key, and per window")
  void sharedAcrossNodes(Vertx vertx) {
    AppConfig settings = redisAt("redis://127.0.0.1:6379");
    RateLimiter nodeA = RateLimiter.create(vertx, settings, "send", 3, 60_000);
    RateLimiter nodeB = RateLimiter.create(vertx, settings, "send", 3, 60_000);
    long now = 120_000 * 1000L + 5_000;
    assertEquals(0L, nodeA.acquire("alice", now).await());
    assertEquals(0L, nodeB.acquire("alice", now).await());
    assertEquals(0L, nodeA.acquire("alice", now).await());
    long retryAfter = nodeB.acquire("alice", now).await();
    assertEquals(55L, retryAfter, "the seconds left in the window");
    assertEquals(0L, nodeB.acquire("bob", now).await(), "another key has its own budget");
    assertEquals(0L, nodeA.acquire("alice", now + 55_000).await(), "the next window starts afresh");
    RateLimiter otherName = RateLimiter.create(vertx, settings, "change", 3, 60_000);
    assertEquals(0L, otherName.acquire("alice", now).await(), "another limiter has its own budget");
  }

  @Test
  @DisplayName("with Redis unreachable, requests go ahead instead of failing")
  void failsOpen(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    RateLimiter limiter = RateLimiter.create(vertx, redisAt("redis://127.0.0.1:" + closedPort), "send", 1, 60_000);
    for (int i = 0; i < 3; i++) {
      assertEquals(0L, limiter.acquire("alice", System.currentTimeMillis()).await());
    }
  }

  @Test
  @DisplayName("without REDIS_URL the limit is this node's own")
  void memoryWithoutRedis(Vertx vertx) {
    RateLimiter limiter = RateLimiter.create(vertx, AppConfig.withOverrides(new JsonObject()), "send", 1, 60_000);
    assertTrue(limiter instanceof MemoryRateLimiter);
    assertEquals(0L, limiter.acquire("alice", 1_000).await());
    assertEquals(60L, limiter.acquire("alice", 1_500).await(), "its window starts at its first request");
  }
}
