package parley.limit;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.bus.RateLimited;
import parley.config.AppConfig;
import parley.metrics.ParleyMetrics;

/**
 * Counts requests per key in fixed windows: in this node's memory, or in Redis when {@code REDIS_URL} is set, so
 * that a limit holds across nodes.
 */
public interface RateLimiter {

  /** 0 when the request may go ahead (and is counted); otherwise the seconds until it may be retried. */
  Future<Long> acquire(String key, long nowMillis);

  /** Counts a request of {@code key}'s now, or fails with {@link RateLimited} when its budget is spent. */
  default Future<Void> spend(String key) {
    return acquire(key, System.currentTimeMillis()).compose(retryAfter -> retryAfter > 0
      ? Future.failedFuture(new RateLimited(retryAfter))
      : Future.succeededFuture());
  }

  /**
   * A limiter named {@code name} (its Redis keys): {@code limit} requests per key per window. Limiters of one name
   * share one budget, whichever verticle or instance of it asks.
   */
  static RateLimiter create(Vertx vertx, AppConfig settings, String name, int limit, long windowMillis) {
    RateLimiter limiter = settings.redisUrl().isBlank()
      ? MemoryRateLimiter.shared(vertx, name, limit, windowMillis)
      : new RedisRateLimiter(vertx, settings.redisUrl(), settings.redisKeyPrefix() + "limit:" + name + ":", limit, windowMillis);
    ParleyMetrics metrics = ParleyMetrics.of(vertx);
    return metrics.enabled() ? counted(limiter, metrics.rateLimitRefusals(name)) : limiter;
  }

  /** {@code limiter}, counting each request it refuses into {@code refusals}. */
  private static RateLimiter counted(RateLimiter limiter, Counter refusals) {
    return (key, nowMillis) -> limiter.acquire(key, nowMillis).onSuccess(retryAfter -> {
      if (retryAfter > 0) {
        refusals.increment();
      }
    });
  }
}
