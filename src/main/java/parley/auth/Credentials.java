package parley.auth;

import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.bus.Fields;
import parley.name.Names;

import java.util.Locale;

/** What a registration or login carries, checked field by field so each problem gets its own error. */
public record Credentials(String username, String password, String displayName, String inviteCode) {

  private static final int MAX_PASSWORD = 200;

  static Credentials forRegistration(JsonObject body) {
    String username = username(body);
    String typed = Fields.string(body, "username", ApiError.INVALID_USERNAME).strip();
    String password = newPassword(Fields.string(body, "password", ApiError.INVALID_PASSWORD));
    String displayName = Fields.optionalString(body, "displayName", ApiError.INVALID_DISPLAY_NAME);
    String inviteCode = Fields.optionalString(body, "inviteCode", ApiError.INVALID_INVITE);
    return new Credentials(username, password, displayName(displayName == null ? typed : displayName),
      inviteCode == null || inviteCode.isBlank() ? null : inviteCode.strip());
  }

  static Credentials forLogin(JsonObject body) {
    String username = Names.clean(Fields.string(body, "username", ApiError.INVALID_USERNAME)).toLowerCase(Locale.ROOT);
    String password = Fields.string(body, "password", ApiError.INVALID_PASSWORD);
    if (password.length() > MAX_PASSWORD) {
      throw ApiError.INVALID_CREDENTIALS.exception();
    }
    return new Credentials(username, password, null, null);
  }

  /** A password someone chooses: 8 to 200 characters. */
  static String newPassword(String password) {
    if (password.length() < 8 || password.length() > MAX_PASSWORD) {
      throw ApiError.INVALID_PASSWORD.exception();
    }
    return password;
  }

  private static String username(JsonObject body) {
    String username = Names.clean(Fields.string(body, "username", ApiError.INVALID_USERNAME)).toLowerCase(Locale.ROOT);
    if (!username.matches("[a-z0-9_.-]{3,32}")) {
      throw ApiError.INVALID_USERNAME.exception();
    }
    return username;
  }

  /** The display name to store (see {@link Names#clean}), or {@code invalid_display_name} when nothing is left of it. */
  public static String displayName(String raw) {
    String name = Names.clean(raw);
    if (name.isEmpty() || name.codePointCount(0, name.length()) > 64
      || name.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiError.INVALID_DISPLAY_NAME.exception();
    }
    return name;
  }
}
