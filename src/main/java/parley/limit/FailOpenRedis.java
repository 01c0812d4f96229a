package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Redis for limits: when it does not answer within a second, the request goes ahead as if nothing were counted, and
 * the log says so once a minute. A limit is worth less than chat itself.
 */
final class FailOpenRedis {

  private static final long TIMEOUT_MS = 1000;
  private static final System.Logger LOG = System.getLogger(FailOpenRedis.class.getName());

  private final Redis redis;
  private final String what;
  private long lastWarning;

  /** {@code what}: what is not enforced while Redis is away, for the log. */
  FailOpenRedis(Vertx vertx, String url, String what) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolWaiting(10_000));
    this.what = what;
  }

  /** The answer read by {@code read}, or {@code whenAway} when Redis fails or is late. */
  <T> Future<T> send(Request request, Function<Response, T> read, T whenAway) {
    return redis.send(request).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).map(read).otherwise(failure -> {
      long now = System.currentTimeMillis();
      if (now - lastWarning > 60_000) {
        lastWarning = now;
        LOG.log(System.Logger.Level.WARNING, what + " are not enforced: Redis does not answer (" + failure.getMessage() + ")");
      }
      return whenAway;
    });
  }
}
