package parley.health;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.service.NodeLocal;

/**
 * Whether this node has finished starting: the schema migrations ran, then every service verticle deployed, then
 * the HTTP verticle. {@code Main.start} marks it {@link #starting()} as it begins and {@link #finished()} once all
 * of that succeeded, so a readiness answer never says ready between the first HTTP instance listening and the last
 * one deployed, nor during a restart. One per Vert.x instance (tests run several nodes in one JVM).
 */
public final class Startup implements Shareable {

  private volatile boolean finished;

  private Startup() {
  }

  public static Startup of(Vertx vertx) {
    return NodeLocal.of(vertx, "health.startup", Startup::new);
  }

  public void starting() {
    finished = false;
  }

  public void finished() {
    finished = true;
  }

  public boolean isFinished() {
    return finished;
  }
}
