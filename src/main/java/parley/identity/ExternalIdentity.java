package parley.identity;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Who a verified external token names ({@code subject}, for good: the user's external id), what it says of them, and
 * the Parley session it opens: {@code sessionId}, one per token, until {@code expiresAt} (epoch seconds). Single
 * sign-on opens no session of the token's: {@code sessionId} is null, and the HTTP layer starts one of Parley's own.
 */
public record ExternalIdentity(String subject, Profile profile, UUID sessionId, long expiresAt) {

  static ExternalIdentity forSingleSignOn(String subject, Profile profile) {
    return new ExternalIdentity(subject, profile, null, 0);
  }

  public boolean opensTokenSession() {
    return sessionId != null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("subject", subject).put("profile", profile.toJson()).put("sessionId", sessionId == null ? null : sessionId.toString())
      .put("expiresAt", expiresAt);
  }

  public static ExternalIdentity fromJson(JsonObject json) {
    return new ExternalIdentity(json.getString("subject"), Profile.fromJson(json.getJsonObject("profile")),
      json.getString("sessionId") == null ? null : UUID.fromString(json.getString("sessionId")), json.getLong("expiresAt"));
  }
}
