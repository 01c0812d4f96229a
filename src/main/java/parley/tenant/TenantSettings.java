package parley.tenant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.identity.IdentityProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's settings. As stored ({@code tenants.settings}) each is null where the tenant set nothing; its
 * {@link #effective} ones take the install's setting there (REQUIRE_INVITE, MAX_UPLOAD_BYTES, WIDGET_ALLOWED_ORIGINS).
 * {@code storageQuotaBytes} counts the whole tenant's files, and has no install-wide default (none: no cap beyond each
 * person's UPLOAD_QUOTA_MB); {@code retentionDays} null keeps messages forever; {@code identity} null trusts the
 * install's AUTH_* and OIDC_* ({@link IdentityProvider}).
 */
public record TenantSettings(Boolean requireInvite, Long maxUploadBytes, Long storageQuotaBytes, Integer retentionDays,
                             List<String> widgetOrigins, IdentityProvider identity) {

  public static final TenantSettings NONE = new TenantSettings(null, null, null, null, null, null);
  /** What the platform's operators alone decide. */
  public static final Set<String> PLATFORM_KEYS = Set.of("maxUploadBytes", "storageQuotaBytes", "identity");
  private static final Set<String> KEYS =
    Set.of("requireInvite", "maxUploadBytes", "storageQuotaBytes", "retentionDays", "widgetOrigins", "identity");
  private static final int MAX_RETENTION_DAYS = 36_500;
  private static final int MAX_ORIGINS = 20;

  /** The stored settings, as written by {@link #toJson}. */
  public static TenantSettings fromStored(JsonObject stored) {
    return NONE.with(stored == null ? new JsonObject() : stored);
  }

  /**
   * These settings with {@code change} applied: each key it names takes its value, null taking the install's setting
   * back; a key it does not name stays. Anything but the six keys, or a value out of range, is {@code invalid_setting}
   * ({@code invalid_identity_setting} for the identity provider).
   */
  public TenantSettings with(JsonObject change) {
    if (!KEYS.containsAll(change.fieldNames())) {
      throw ApiError.INVALID_SETTING.exception();
    }
    return new TenantSettings(
      change.containsKey("requireInvite") ? bool(change.getValue("requireInvite")) : requireInvite,
      change.containsKey("maxUploadBytes") ? bytes(change.getValue("maxUploadBytes")) : maxUploadBytes,
      change.containsKey("storageQuotaBytes") ? bytes(change.getValue("storageQuotaBytes")) : storageQuotaBytes,
      change.containsKey("retentionDays") ? days(change.getValue("retentionDays")) : retentionDays,
      change.containsKey("widgetOrigins") ? origins(change.getValue("widgetOrigins")) : widgetOrigins,
      !change.containsKey("identity") ? identity
        : change.getValue("identity") == null ? null : IdentityProvider.fromJson(change.getValue("identity"), identity));
  }

  /** The settings in force: the tenant's own, else the install's. */
  public TenantSettings effective(AppConfig install) {
    return new TenantSettings(
      requireInvite != null ? requireInvite : install.requireInvite(),
      maxUploadBytes != null ? maxUploadBytes : install.maxUploadBytes(),
      storageQuotaBytes,
      retentionDays,
      widgetOrigins != null ? widgetOrigins : install.widgetAllowedOrigins(),
      identity != null ? identity : IdentityProvider.ofInstall(install));
  }

  /** Only the keys set (what is stored); for effective settings, every key, null where there is no limit. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    putSet(json, "requireInvite", requireInvite);
    putSet(json, "maxUploadBytes", maxUploadBytes);
    putSet(json, "storageQuotaBytes", storageQuotaBytes);
    putSet(json, "retentionDays", retentionDays);
    putSet(json, "widgetOrigins", widgetOrigins == null ? null : new JsonArray(widgetOrigins));
    putSet(json, "identity", identity == null ? null : identity.toJson());
    return json;
  }

  /** Every key, null where unset, as shown: the identity provider's secrets are not (see {@link IdentityProvider#toView}). */
  public JsonObject toFullJson() {
    return new JsonObject().put("requireInvite", requireInvite).put("maxUploadBytes", maxUploadBytes)
      .put("storageQuotaBytes", storageQuotaBytes).put("retentionDays", retentionDays)
      .put("widgetOrigins", widgetOrigins == null ? null : new JsonArray(widgetOrigins))
      .put("identity", identity == null ? null : identity.toView());
  }

  private static void putSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static Boolean bool(Object value) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw ApiError.INVALID_SETTING.exception();
  }

  private static Long bytes(Object value) {
    if (value == null) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1) {
      return ((Number) value).longValue();
    }
    throw ApiError.INVALID_SETTING.exception();
  }

  private static Integer days(Object value) {
    if (value == null) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
      && ((Number) value).longValue() <= MAX_RETENTION_DAYS) {
      return ((Number) value).intValue();
    }
    throw ApiError.INVALID_SETTING.exception();
  }

  private static List<String> origins(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray list) || list.size() > MAX_ORIGINS) {
      throw ApiError.INVALID_SETTING.exception();
    }
    List<String> origins = new ArrayList<>();
    for (Object item : list) {
      String origin = origin(item);
      if (!origins.contains(origin)) {
        origins.add(origin);
      }
    }
    return List.copyOf(origins);
  }

  /** {@code scheme://host[:port]}, as a browser sends it in {@code Origin}: lower-case, no path. */
  private static String origin(Object value) {
    if (value instanceof String text) {
      String origin = text.strip().toLowerCase(Locale.ROOT);
      try {
        URI uri = new URI(origin);
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (web && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
          && uri.getRawQuery() == null && uri.getRawFragment() == null) {
          return origin;
        }
      } catch (Exception e) {
        throw ApiError.INVALID_SETTING.exception();
      }
    }
    throw ApiError.INVALID_SETTING.exception();
  }
}
