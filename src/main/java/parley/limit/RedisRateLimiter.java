package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.util.concurrent.TimeUnit;

/**
 * Fixed windows in Redis, shared by every node: one counter key per key and window, created with the window's
 * lifetime. When Redis cannot be reached the request goes ahead: a limit is worth less than chat itself.
 */
final class RedisRateLimiter implements RateLimiter {

  private static final long TIMEOUT_MS = 1000;
  private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());
  /** Counts and, on the window's first request, sets its expiry: answers the count. */
  private static final String COUNT = """
    local count = redis.call('INCR', KEYS[1])
    if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    return count""";

  private final Redis redis;
  private final String prefix;
  private final int limit;
  private final long windowMillis;
  private long lastWarning;

  RedisRateLimiter(Vertx vertx, String url, String prefix, int limit, long windowMillis) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolWaiting(10_000));
    this.prefix = prefix;
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  @Override
  public Future<Long> acquire(String key, long nowMillis) {
    long window = nowMillis / windowMillis;
    long retryAfter = Math.max(1, ((window + 1) * windowMillis - nowMillis + 999) / 1000);
    return redis.send(Request.cmd(Command.EVAL).arg(COUNT).arg(1).arg(prefix + key + ":" + window).arg(windowMillis))
      .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .map(count -> count.toLong() > limit ? retryAfter : 0L)
      .otherwise(failure -> {
        if (nowMillis - lastWarning > 60_000) {
          lastWarning = nowMillis;
          LOG.log(System.Logger.Level.WARNING, "Rate limits are not enforced: Redis does not answer (" + failure.getMessage() + ")");
        }
        return 0L;
      });
  }
}
