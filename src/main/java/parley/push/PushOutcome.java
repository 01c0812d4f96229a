package parley.push;

/** What became of one delivery, as the worker records it. {@code status} is the provider's HTTP status, 0 if none. */
sealed interface PushOutcome {

  int status();

  /** Accepted; {@code ticket} is what to ask about later (Expo's receipt id), or null. */
  record Sent(int status, String ticket) implements PushOutcome {
  }

  /** Try again later: a timeout, a 429 or a 5xx; {@code retryAfterMillis} is what the provider asked for, or null. */
  record Retry(int status, Long retryAfterMillis, String error) implements PushOutcome {
  }

  /** The device is gone for good (Web Push 404/410, Expo DeviceNotRegistered): forget it. */
  record Gone(int status, String error) implements PushOutcome {
  }

  /** Refused for good for this item (too large, bad credentials): not worth trying again. */
  record Failed(int status, String error) implements PushOutcome {
  }
}
