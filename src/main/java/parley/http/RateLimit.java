package parley.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.limit.RateLimiter;

/** A per-client-IP limit on a group of routes, answered with 429 and Retry-After. */
final class RateLimit implements Handler<RoutingContext> {

  static final String RETRY_AFTER = "parley.retryAfter";

  private final RateLimiter limiter;
  private final boolean trustProxy;

  RateLimit(RateLimiter limiter, boolean trustProxy) {
    this.limiter = limiter;
    this.trustProxy = trustProxy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    limiter.acquire(ClientIp.of(ctx, trustProxy), System.currentTimeMillis()).onSuccess(retryAfter -> {
      if (retryAfter == 0) {
        ctx.next();
      } else {
        ctx.put(RETRY_AFTER, retryAfter);
        ctx.fail(ApiError.RATE_LIMITED.exception());
      }
    });
  }
}
