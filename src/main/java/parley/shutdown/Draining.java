package parley.shutdown;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Whether this node has begun to shut down: the one flag that everything taking part in a graceful stop reads. The
 * readiness check ({@code /health/ready}) is to answer "not ready" from {@link #begin()} on, so that a load balancer
 * sends nothing new here while the node finishes what it has. One per Vert.x instance (tests run several nodes in
 * one JVM).
 */
public final class Draining implements Shareable {

  private static final String MAP = "parley.shutdown";
  private static final String KEY = "draining";

  private volatile boolean begun;

  private Draining() {
  }

  public static Draining of(Vertx vertx) {
    LocalMap<String, Draining> map = vertx.sharedData().getLocalMap(MAP);
    Draining existing = map.get(KEY);
    if (existing != null) {
      return existing;
    }
    Draining fresh = new Draining();
    Draining raced = map.putIfAbsent(KEY, fresh);
    return raced != null ? raced : fresh;
  }

  /** The shutdown's first step, before anything stops. */
  public void begin() {
    begun = true;
  }

  public boolean begun() {
    return begun;
  }
}
