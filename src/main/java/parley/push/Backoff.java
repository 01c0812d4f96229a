package parley.push;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a delivery again: 1 s, doubling with each attempt up to 1 h, half of it fixed and half random, so
 * devices that failed together do not all come back together; or what the provider asked for (Retry-After).
 */
final class Backoff {

  static final long FIRST_MILLIS = 1000;
  static final long MAX_MILLIS = 3_600_000;

  private Backoff() {
  }

  /** The delay after the {@code attempts}-th failed attempt (1 for the first). */
  static long delay(int attempts, Long retryAfterMillis) {
    if (retryAfterMillis != null) {
      return Math.min(MAX_MILLIS, Math.max(0, retryAfterMillis));
    }
    long ceiling = FIRST_MILLIS << Math.min(Math.max(attempts - 1, 0), 12);
    long capped = Math.min(MAX_MILLIS, ceiling);
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }
}
