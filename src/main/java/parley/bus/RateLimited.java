package parley.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * {@code 429 rate_limited} with how long to wait. Services reply with it as it is rather than with its slug alone,
 * so the wait reaches the caller through every hop (a slash command fails with its service's failure) and HTTP
 * answers it as {@code Retry-After}. The bridge's error frame has room for the status and slug only.
 */
public final class RateLimited extends ReplyException {

  public final long retryAfterSeconds;

  public RateLimited(long retryAfterSeconds) {
    super(ReplyFailure.RECIPIENT_FAILURE, ApiError.RATE_LIMITED.status, ApiError.RATE_LIMITED.slug);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
