package parley.announce;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs what was asked for a key at most once per period: the first ask after a quiet period waits for the rest of
 * it, later asks join the run already planned. Confined to one event loop.
 */
final class Throttle {

  private final Vertx vertx;
  private final long periodMillis;
  private final Map<Long, Runnable> planned = new HashMap<>();
  private final Map<Long, Long> lastRun = new HashMap<>();

  Throttle(Vertx vertx, long periodMillis) {
    this.vertx = vertx;
    this.periodMillis = periodMillis;
  }

  /** Plans {@code run} for {@code key} unless a run is planned already, which then does it instead. */
  void ask(long key, Runnable run) {
    if (planned.putIfAbsent(key, run) == null) {
      long since = System.currentTimeMillis() - lastRun.getOrDefault(key, 0L);
      vertx.setTimer(Math.max(1, periodMillis - since), timer -> {
        long now = System.currentTimeMillis();
        lastRun.values().removeIf(at -> now - at > periodMillis);
        lastRun.put(key, now);
        planned.remove(key).run();
      });
    }
  }
}
