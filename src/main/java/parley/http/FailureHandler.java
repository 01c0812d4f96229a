package parley.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import parley.bus.ApiError;
import parley.bus.RateLimited;
import parley.log.LogFields;

/** Turns every failure into {@code {error, message}} with its status; only the unexpected ones are logged. */
final class FailureHandler implements Handler<RoutingContext> {

  private static final System.Logger LOG = System.getLogger(FailureHandler.class.getName());

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    ApiError error = ctx.failure() == null ? byStatus(ctx.statusCode()) : ApiError.of(ctx.failure());
    if (error == ApiError.INTERNAL && ctx.failure() instanceof HttpException http) {
      // An authentication handler wraps what our own code failed with (an external token's refusal, say).
      ApiError wrapped = http.getCause() == null ? ApiError.INTERNAL : ApiError.of(http.getCause());
      error = wrapped != ApiError.INTERNAL ? wrapped : byStatus(http.getStatusCode());
    }
    if (error == ApiError.INTERNAL) {
      LogFields.of("requestId", AccessLog.requestId(ctx)).log(LOG, System.Logger.Level.ERROR,
        "Request " + ctx.request().method() + " " + AccessLog.loggablePath(ctx.request().path()) + " failed", ctx.failure());
    }
    if (ctx.failure() instanceof RateLimited limited) {
      ctx.response().putHeader("Retry-After", String.valueOf(limited.retryAfterSeconds));
    }
    Http.error(ctx, error);
  }

  private static ApiError byStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.INVALID_JSON;
      case 401 -> ApiError.UNAUTHENTICATED;
      case 403 -> ApiError.FORBIDDEN;
      case 404, 405 -> ApiError.NOT_FOUND;
      case 413 -> ApiError.PAYLOAD_TOO_LARGE;
      case 415 -> ApiError.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ApiError.RATE_LIMITED;
      default -> ApiError.INTERNAL;
    };
  }
}
