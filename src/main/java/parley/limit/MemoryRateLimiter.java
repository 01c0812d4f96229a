package parley.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.service.NodeLocal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters per key for one node. One per name per Vert.x instance, shared by every verticle (and
 * every instance of one) that limits under that name, so several event loops count into it at once.
 */
final class MemoryRateLimiter implements RateLimiter, Shareable {

  private final int limit;
  private final long windowMillis;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(long startMillis, int count) {
  }

  private MemoryRateLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  static MemoryRateLimiter shared(Vertx vertx, String name, int limit, long windowMillis) {
    return NodeLocal.of(vertx, "limit.rateLimiter." + name, () -> new MemoryRateLimiter(limit, windowMillis));
  }

  @Override
  public Future<Long> acquire(String key, long nowMillis) {
    return Future.succeededFuture(count(key, nowMillis));
  }

  private long count(String key, long nowMillis) {
    if (windows.size() > 10_000) {
      windows.values().removeIf(window -> nowMillis - window.startMillis >= windowMillis);
    }
    long[] retryAfter = {0};
    windows.compute(key, (k, window) -> {
      if (window == null || nowMillis - window.startMillis >= windowMillis) {
        return new Window(nowMillis, 1);
      }
      if (window.count >= limit) {
        retryAfter[0] = Math.max(1, (window.startMillis + windowMillis - nowMillis + 999) / 1000);
        return window;
      }
      return new Window(window.startMillis, window.count + 1);
    });
    return retryAfter[0];
  }
}
