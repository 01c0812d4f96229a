package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.config.AppConfig;

/**
 * Failed passwords per account, whatever address they come from: after {@code LOGIN_LOCK_AFTER_FAILURES} within
 * {@link #WINDOW_MILLIS} of each other the account's logins are refused for {@code LOGIN_LOCK_SECONDS}, a time that
 * doubles with each failure after the lock ends, up to {@link #MAX_LOCK_MILLIS}. Kept in this node's memory, or in
 * Redis so that every node counts together.
 */
public interface Lockout {

  long WINDOW_MILLIS = 15 * 60_000L;
  long MAX_LOCK_MILLIS = 60 * 60_000L;

  /** Seconds until the account may be tried again; 0 when it may be now. */
  Future<Long> lockedFor(String account);

  /** Counts a failed password; from the threshold on, locks the account. */
  Future<Void> failed(String account);

  /** A right password, while not locked: the count starts again. */
  Future<Void> succeeded(String account);

  static Lockout create(Vertx vertx, AppConfig settings) {
    int threshold = settings.loginLockAfterFailures();
    long lockMillis = settings.loginLockSeconds() * 1000L;
    return settings.redisUrl().isBlank()
      ? MemoryLockout.shared(vertx, threshold, lockMillis)
      : new RedisLockout(vertx, settings.redisUrl(), settings.redisKeyPrefix() + "lockout:", threshold, lockMillis);
  }

  /** How long the lock lasts after the {@code failures}th failure, {@code threshold} being the first that locks. */
  static long lockMillis(long failures, int threshold, long baseMillis) {
    long doublings = Math.min(30, failures - threshold);
    return Math.min(MAX_LOCK_MILLIS, baseMillis << doublings);
  }
}
