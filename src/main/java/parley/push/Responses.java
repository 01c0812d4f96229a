package parley.push;

import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** What push services' HTTP answers mean, the same for every provider. */
final class Responses {

  private static final int EXCERPT = 200;

  private Responses() {
  }

  /** Worth trying again: the service timed out, is rate limiting us, or is having trouble. */
  static boolean retryable(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  /** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
  static Long retryAfterMillis(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.matches("[0-9]{1,9}")) {
      return Long.parseLong(value) * 1000;
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  /** The start of an answer's body on one line, for the error a person or an admin reads. */
  static String excerpt(Buffer body) {
    String text = body == null ? "" : body.toString().replaceAll("\\s+", " ").strip();
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
  }
}
