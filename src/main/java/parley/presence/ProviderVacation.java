package parley.presence;

import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.bus.Fields;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The identity provider's {@code {until?, text?}} for someone's vacation: {@code until} an ISO 8601 date and time with
 * its offset, still to come (none: until the provider clears it); {@code text} as a status text, at most 100
 * characters without control characters.
 */
public record ProviderVacation(String text, OffsetDateTime until) {

  public static ProviderVacation fromJson(JsonObject body) {
    String text = Fields.optionalString(body, "text", ApiError.INVALID_PRESENCE);
    if (text != null && (text.codePointCount(0, text.length()) > PresenceVerticle.MAX_TEXT || text.chars().anyMatch(Character::isISOControl))) {
      throw ApiError.INVALID_PRESENCE.exception();
    }
    String until = Fields.optionalString(body, "until", ApiError.INVALID_UNTIL);
    OffsetDateTime ends = null;
    if (until != null) {
      try {
        ends = OffsetDateTime.parse(until);
      } catch (DateTimeParseException e) {
        throw ApiError.INVALID_UNTIL.exception();
      }
      if (!ends.toInstant().isAfter(Instant.now())) {
        throw ApiError.INVALID_UNTIL.exception();
      }
    }
    return new ProviderVacation(text == null || text.isBlank() ? null : text.strip(), ends);
  }

  public JsonObject toJson() {
    return new JsonObject().put("text", text).put("until", until == null ? null : until.toInstant().toString());
  }
}
