package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * {@link Lockout} in Redis, counted by every node together: a failure counter that lives {@link #WINDOW_MILLIS}
 * after the last failure, and a lock key that lives as long as the lock. When Redis cannot be reached logins go
 * ahead ({@link FailOpenRedis}): the per-address limit still holds.
 */
final class RedisLockout implements Lockout {

  /** KEYS: counter, lock. ARGV: window, threshold, first lock, longest lock. Answers the count. */
  private static final String FAILED = """
    local failures = redis.call('INCR', KEYS[1])
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    local threshold = tonumber(ARGV[2])
    if failures >= threshold then
      local lock = math.min(tonumber(ARGV[3]) * 2 ^ math.min(30, failures - threshold), tonumber(ARGV[4]))
      redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock))
    end
    return failures""";

  private final FailOpenRedis redis;
  private final String prefix;
  private final int threshold;
  private final long lockMillis;

  RedisLockout(Vertx vertx, String url, String prefix, int threshold, long lockMillis) {
    this.redis = new FailOpenRedis(vertx, url, "Login lockouts");
    this.prefix = prefix;
    this.threshold = threshold;
    this.lockMillis = lockMillis;
  }

  @Override
  public Future<Long> lockedFor(String account) {
    return redis.send(Request.cmd(Command.PTTL).arg(prefix + "lock:" + account),
      ttl -> ttl.toLong() > 0 ? (ttl.toLong() + 999) / 1000 : 0L, 0L);
  }

  @Override
  public Future<Void> failed(String account) {
    return redis.send(Request.cmd(Command.EVAL).arg(FAILED).arg(2).arg(prefix + "failures:" + account).arg(prefix + "lock:" + account)
      .arg(WINDOW_MILLIS).arg(threshold).arg(lockMillis).arg(MAX_LOCK_MILLIS), counted -> null, null);
  }

  @Override
  public Future<Void> succeeded(String account) {
    return redis.send(Request.cmd(Command.DEL).arg(prefix + "failures:" + account), deleted -> null, null);
  }
}
