package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What one event loop knows of tenants (which tenant a host is, a tenant's settings): each answer kept a minute, and
 * all forgotten at once, on every node, when {@code forgetOn} is published. An answer asked for before such a notice
 * is not kept after it, so a change is never undone by a read that was under way.
 */
final class TenantCache<K, V> {

  private static final int MAX_KEPT = 10_000;
  private static final long KEEP_MILLIS = 60_000;

  private record Known<V>(V value, long until) {
  }

  private final Map<K, Known<V>> known = new HashMap<>();
  /** Moves on at every notice. */
  private long changes;

  /** Made on the event loop whose cache it is, which alone reads and writes it. */
  TenantCache(Vertx vertx, String forgetOn) {
    vertx.eventBus().consumer(forgetOn, notice -> {
      changes++;
      known.clear();
    });
  }

  /** The kept answer for {@code key} (an already completed future), else {@code load}'s, kept when it succeeds. */
  Future<V> get(K key, Function<K, Future<V>> load) {
    Known<V> kept = known.get(key);
    if (kept != null && kept.until() > System.currentTimeMillis()) {
      return Future.succeededFuture(kept.value());
    }
    long asked = changes;
    return load.apply(key).onSuccess(value -> {
      if (asked == changes) {
        if (known.size() >= MAX_KEPT) {
          known.clear();
        }
        known.put(key, new Known<>(value, System.currentTimeMillis() + KEEP_MILLIS));
      }
    });
  }
}
