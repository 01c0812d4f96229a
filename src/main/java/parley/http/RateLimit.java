package parley.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import parley.limit.RateLimiter;

/**
 * A limit per client IP on a group of routes, answered with 429 and Retry-After; counted per tenant of the host too,
 * so that a flood at one tenant's hosts spends nothing of another's.
 */
final class RateLimit implements Handler<RoutingContext> {

  private final RateLimiter limiter;
  private final boolean trustProxy;

  RateLimit(RateLimiter limiter, boolean trustProxy) {
    this.limiter = limiter;
    this.trustProxy = trustProxy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    limiter.spend(Http.tenantOf(ctx) + ":" + ClientIp.of(ctx, trustProxy)).onComplete(spent -> {
      if (spent.succeeded()) {
        ctx.next();
      } else {
        ctx.fail(spent.cause());
      }
    });
  }
}
