package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Fixed windows in Redis, shared by every node: one counter key per key and window, created with the window's
 * lifetime. When Redis cannot be reached the request goes ahead ({@link FailOpenRedis}).
 */
final class RedisRateLimiter implements RateLimiter {

  /** Counts and, on the window's first request, sets its expiry: answers the count. */
  private static final String COUNT = """
    local count = redis.call('INCR', KEYS[1])
    if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    return count""";

  private final FailOpenRedis redis;
  private final String prefix;
  private final int limit;
  private final long windowMillis;

  RedisRateLimiter(Vertx vertx, String url, String prefix, int limit, long windowMillis) {
    this.redis = new FailOpenRedis(vertx, url, "Rate limits");
    this.prefix = prefix;
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  @Override
  public Future<Long> acquire(String key, long nowMillis) {
    long window = nowMillis / windowMillis;
    long retryAfter = Math.max(1, ((window + 1) * windowMillis - nowMillis + 999) / 1000);
    return redis.send(Request.cmd(Command.EVAL).arg(COUNT).arg(1).arg(prefix + key + ":" + window).arg(windowMillis),
      count -> count.toLong() > limit ? retryAfter : 0L, 0L);
  }
}
