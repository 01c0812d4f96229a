package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.service.NodeLocal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Lockout} for one node, shared by every verticle instance that checks passwords. */
final class MemoryLockout implements Lockout, Shareable {

  private static final int SWEEP_ABOVE = 10_000;

  private final int threshold;
  private final long lockMillis;
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  /** Failures since the count last started, forgotten at {@code forgetAt}; logins refused until {@code lockedUntil}. */
  private record Account(long failures, long forgetAt, long lockedUntil) {
  }

  private MemoryLockout(int threshold, long lockMillis) {
    this.threshold = threshold;
    this.lockMillis = lockMillis;
  }

  static MemoryLockout shared(Vertx vertx, int threshold, long lockMillis) {
    return NodeLocal.of(vertx, "limit.lockout.login", () -> new MemoryLockout(threshold, lockMillis));
  }

  @Override
  public Future<Long> lockedFor(String account) {
    Account known = accounts.get(account);
    long now = System.currentTimeMillis();
    return Future.succeededFuture(known == null || known.lockedUntil <= now ? 0L : (known.lockedUntil - now + 999) / 1000);
  }

  @Override
  public Future<Void> failed(String account) {
    long now = System.currentTimeMillis();
    if (accounts.size() > SWEEP_ABOVE) {
      accounts.values().removeIf(known -> known.forgetAt <= now && known.lockedUntil <= now);
    }
    accounts.compute(account, (key, known) -> {
      long failures = known == null || known.forgetAt <= now ? 1 : known.failures + 1;
      long lockedUntil = failures >= threshold ? now + Lockout.lockMillis(failures, threshold, lockMillis) : 0;
      return new Account(failures, now + WINDOW_MILLIS, lockedUntil);
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> succeeded(String account) {
    accounts.remove(account);
    return Future.succeededFuture();
  }
}
