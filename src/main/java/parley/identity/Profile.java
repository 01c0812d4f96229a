package parley.identity;

import io.vertx.core.json.JsonObject;
import parley.auth.Credentials;
import parley.bus.ServiceException;
import parley.config.ProfileClaims;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * What an external token says of its person, each part null when the token says nothing usable of it: a display name
 * as Parley stores names, an email, an http(s) avatar URL, a BCP 47 locale, and what their username is made from.
 * A claim that does not fit is left out rather than refusing the token: the person is still who the token says.
 */
public record Profile(String username, String displayName, String email, String avatarUrl, String locale) {

  /** What the provider's admin calls know of someone who has not signed in yet. */
  static final Profile NOTHING = new Profile(null, null, null, null, null);

  private static final int MAX_USERNAME_CLAIM = 200;
  private static final int MAX_EMAIL = 320;
  private static final int MAX_URL = 2000;
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,4}");

  static Profile of(JsonObject claims, ProfileClaims names) {
    return new Profile(text(claims, names.username(), MAX_USERNAME_CLAIM), displayName(text(claims, names.displayName(), MAX_URL)),
      matching(text(claims, names.email(), MAX_EMAIL), EMAIL), avatarUrl(text(claims, names.avatarUrl(), MAX_URL)),
      matching(text(claims, names.locale(), 35), LOCALE));
  }

  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("email", email)
      .put("avatarUrl", avatarUrl).put("locale", locale);
  }

  public static Profile fromJson(JsonObject json) {
    return new Profile(json.getString("username"), json.getString("displayName"), json.getString("email"),
      json.getString("avatarUrl"), json.getString("locale"));
  }

  private static String text(JsonObject claims, String name, int max) {
    if (name == null || name.isBlank() || !(claims.getValue(name) instanceof String value)) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() || stripped.length() > max ? null : stripped;
  }

  private static String matching(String value, Pattern pattern) {
    return value != null && pattern.matcher(value).matches() ? value : null;
  }

  private static String displayName(String value) {
    try {
      return value == null ? null : Credentials.displayName(value);
    } catch (ServiceException invalid) {
      return null;
    }
  }

  /** Only http and https: a client may put it in an {@code <img src>}. */
  private static String avatarUrl(String value) {
    try {
      URI uri = value == null ? null : new URI(value);
      return uri != null && uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        ? value : null;
    } catch (URISyntaxException invalid) {
      return null;
    }
  }
}
