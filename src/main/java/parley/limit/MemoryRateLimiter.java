package parley.limit;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;

/** Fixed-window counters per key for one node, confined to one verticle's event loop (so no locking). */
final class MemoryRateLimiter implements RateLimiter {

  private final int limit;
  private final long windowMillis;
  private final Map<String, Window> windows = new HashMap<>();

  private record Window(long startMillis, int count) {
  }

  MemoryRateLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  @Override
  public Future<Long> acquire(String key, long nowMillis) {
    return Future.succeededFuture(count(key, nowMillis));
  }

  private long count(String key, long nowMillis) {
    if (windows.size() > 10_000) {
      windows.values().removeIf(window -> nowMillis - window.startMillis >= windowMillis);
    }
    Window window = windows.get(key);
    if (window == null || nowMillis - window.startMillis >= windowMillis) {
      windows.put(key, new Window(nowMillis, 1));
      return 0;
    }
    if (window.count >= limit) {
      return Math.max(1, (window.startMillis + windowMillis - nowMillis + 999) / 1000);
    }
    windows.put(key, new Window(window.startMillis, window.count + 1));
    return 0;
  }
}
