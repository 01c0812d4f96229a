package parley.limit;

import java.util.HashMap;
import java.util.Map;

/**
 * Fixed-window counters per key, confined to one verticle's event loop (so no locking). A later issue moves them
 * to Redis so the limits hold across nodes.
 */
public final class RateLimiter {

  private final int limit;
  private final long windowMillis;
  private final Map<String, Window> windows = new HashMap<>();

  private record Window(long startMillis, int count) {
  }

  public RateLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** 0 when the request may go ahead (and is counted); otherwise the seconds until it may be retried. */
  public long acquire(String key, long nowMillis) {
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
