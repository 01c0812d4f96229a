package parley.identity;

import io.vertx.core.json.JsonObject;
import parley.role.TokenGrant;

import java.util.UUID;

/**
 * Who a verified external token names ({@code subject}, for good: the user's external id), what it says of them, and
 * the Parley session it opens: {@code sessionId}, one per token, until {@code expiresAt} (epoch seconds). Single
 * sign-on opens no session of the token's: {@code sessionId} is null, and the HTTP layer starts one of Parley's own.
 * {@code grant}: what the token grants for its requests ({@link TokenPermissions}), null when no map is configured.
 */
public record ExternalIdentity(String subject, Profile profile, UUID sessionId, long expiresAt, TokenGrant grant) {

  /** What an ID token says: no session of its own, and its grant for the session of Parley's own that it begins. */
  static ExternalIdentity forSingleSignOn(String subject, Profile profile, TokenGrant grant) {
    return new ExternalIdentity(subject, profile, null, 0, grant);
  }

  public boolean opensTokenSession() {
    return sessionId != null;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("subject", subject).put("profile", profile.toJson())
      .put("sessionId", sessionId == null ? null : sessionId.toString()).put("expiresAt", expiresAt);
    return grant == null ? json : json.put("grant", grant.encode());
  }

  public static ExternalIdentity fromJson(JsonObject json) {
    return new ExternalIdentity(json.getString("subject"), Profile.fromJson(json.getJsonObject("profile")),
      json.getString("sessionId") == null ? null : UUID.fromString(json.getString("sessionId")), json.getLong("expiresAt"),
      TokenGrant.decode(json.getString("grant")));
  }
}
