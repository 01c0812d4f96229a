package parley.log;

import io.vertx.ext.web.RoutingContext;

/**
 * A request upgraded to a WebSocket never ends as a response does, so the access log cannot see it answered: it asks
 * to be told, and whoever takes the socket (the bridge) tells it. Its data lives on the request's own context.
 */
public final class Upgrades {

  private static final String KEY = "parley.log.upgraded";

  private Upgrades() {
  }

  /** {@code onUpgrade} runs once, if the request is upgraded. */
  public static void expect(RoutingContext ctx, Runnable onUpgrade) {
    ctx.put(KEY, onUpgrade);
  }

  /** The request behind a socket was upgraded; nothing happens for one that was not expected to be. */
  public static void upgraded(RoutingContext ctx) {
    Runnable onUpgrade = ctx == null ? null : ctx.remove(KEY);
    if (onUpgrade != null) {
      onUpgrade.run();
    }
  }
}
