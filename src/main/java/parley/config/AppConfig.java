package parley.config;

import io.vertx.core.json.JsonObject;
import parley.metrics.MetricsSetup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting Parley reads. The keys of {@code config/default.json} are the environment variable names,
 * so one name means one setting everywhere: the file holds the defaults and the environment overrides them.
 */
public record AppConfig(JsonObject values) {

  public static AppConfig load(Map<String, String> env) {
    JsonObject defaults = readDefaults();
    JsonObject merged = defaults.copy();
    for (String key : defaults.fieldNames()) {
      String fromEnv = env.get(key);
      if (fromEnv != null) {
        merged.put(key, coerce(defaults.getValue(key), key, fromEnv));
      }
    }
    return new AppConfig(merged);
  }

  /** The defaults with some values replaced, for tests and embedding. */
  public static AppConfig withOverrides(JsonObject overrides) {
    JsonObject merged = readDefaults();
    for (String key : overrides.fieldNames()) {
      if (!merged.containsKey(key)) {
        throw new IllegalArgumentException("Unknown setting " + key);
      }
      merged.put(key, overrides.getValue(key));
    }
    return new AppConfig(merged);
  }

  private static JsonObject readDefaults() {
    try (InputStream in = AppConfig.class.getResourceAsStream("/config/default.json")) {
      Objects.requireNonNull(in, "config/default.json is missing from the classpath");
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read config/default.json", e);
    }
  }

  private static Object coerce(Object defaultValue, String key, String raw) {
    try {
      if (defaultValue instanceof Integer) {
        return Integer.parseInt(raw.trim());
      }
      if (defaultValue instanceof Boolean) {
        String value = raw.trim().toLowerCase();
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(value);
      }
      return raw;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Setting " + key + " has an invalid value: " + raw);
    }
  }

  public int port() { return values.getInteger("PORT"); }
  /** HTTP_INSTANCES, or 0 (the default): one per core. */
  public int httpInstances() {
    int configured = values.getInteger("HTTP_INSTANCES");
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }
  public String host() { return values.getString("HOST"); }
  /** How long a stopping server lets the requests it has finish before it closes what is still open. */
  public Duration shutdownDrain() { return Duration.ofSeconds(values.getInteger("SHUTDOWN_DRAIN_SECONDS")); }
  public Duration shutdownGrace() { return Duration.ofSeconds(values.getInteger("SHUTDOWN_GRACE_SECONDS")); }
  public boolean production() { return "production".equalsIgnoreCase(values.getString("PARLEY_ENV")); }
  public String dataDir() { return values.getString("PARLEY_DATA_DIR"); }
  public String databaseUrl() { return values.getString("DATABASE_URL"); }
  public int databasePoolSize() { return values.getInteger("DATABASE_POOL_SIZE"); }
  public String jwtSecret() { return values.getString("JWT_SECRET"); }
  /** The first platform operator's password (named admin), taken only while there is no operator. */
  public String platformAdminPassword() { return values.getString("PLATFORM_ADMIN_PASSWORD"); }
  /** How long a tenant the platform deletes stays suspended, and can be had back, before its rows and files go. */
  public int tenantDeletionGraceDays() { return values.getInteger("TENANT_DELETION_GRACE_DAYS"); }
  /** {@code <slug>.<this>} is a tenant's host; empty: only tenant_domains name tenants' hosts (docs/tenancy.md). */
  public String tenantBaseDomain() { return values.getString("TENANT_BASE_DOMAIN").trim().toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", ""); }
  public int jwtTtlHours() { return values.getInteger("JWT_TTL_HOURS"); }
  public int bcryptCost() { return values.getInteger("BCRYPT_COST"); }
  /** Who signs people in: Parley's own accounts, an external identity provider's tokens, or both; see docs/identity.md. */
  public AuthMode authMode() { return AuthMode.named(values.getString("AUTH_MODE")); }
  public String authIssuer() { return values.getString("AUTH_ISSUER"); }
  public String authAudience() { return values.getString("AUTH_AUDIENCE"); }
  public String authJwksUrl() { return values.getString("AUTH_JWKS_URL"); }
  public String authPublicKeys() { return values.getString("AUTH_PUBLIC_KEYS"); }
  public String authHs256Secret() { return values.getString("AUTH_HS256_SECRET"); }
  public int authClockSkewSeconds() { return values.getInteger("AUTH_CLOCK_SKEW_SECONDS"); }
  /** The scope a provider's client-credentials token needs for /api/idp (empty: no token is enough). */
  public String authAdminScope() { return values.getString("AUTH_ADMIN_SCOPE"); }
  /** The hex SHA-256 of the API key that may call /api/idp (empty: no key is). */
  public String idpApiKeySha256() { return values.getString("IDP_API_KEY_SHA256"); }
  /** Single sign-on in the web app (OpenID Connect): on when OIDC_ISSUER is set; see parley.identity.SingleSignOn. */
  public String oidcIssuer() { return values.getString("OIDC_ISSUER"); }
  public String oidcClientId() { return values.getString("OIDC_CLIENT_ID"); }
  public String oidcClientSecret() { return values.getString("OIDC_CLIENT_SECRET"); }
  /** What "Sign in with …" names; empty: the issuer's host. */
  public String oidcProviderName() { return values.getString("OIDC_PROVIDER_NAME"); }
  public List<String> oidcScopes() {
    return Arrays.stream(values.getString("OIDC_SCOPES").split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
  }
  /** Which claims of an external token carry the subject and the profile. */
  public ProfileClaims authClaims() {
    return new ProfileClaims(values.getString("AUTH_SUBJECT_CLAIM"), values.getString("AUTH_USERNAME_CLAIM"),
      values.getString("AUTH_NAME_CLAIM"), values.getString("AUTH_EMAIL_CLAIM"), values.getString("AUTH_AVATAR_CLAIM"),
      values.getString("AUTH_LOCALE_CLAIM"));
  }
  /** The claim holding permission codes, read through AUTH_PERMISSION_MAP (empty: none is). */
  public String authPermissionsClaim() { return values.getString("AUTH_PERMISSIONS_CLAIM"); }
  /** A JSON object: permission code → Parley permission names. */
  public String authPermissionMap() { return values.getString("AUTH_PERMISSION_MAP"); }
  /** The claim holding the provider's roles, read through AUTH_ROLE_MAP (empty: none is). */
  public String authRolesClaim() { return values.getString("AUTH_ROLES_CLAIM"); }
  /** A JSON object: the provider's role → a Parley role's name. */
  public String authRoleMap() { return values.getString("AUTH_ROLE_MAP"); }
  /** The text configuration search reads words by ({@code simple}: every language alike); see message/SearchIndex. */
  public String searchLanguage() { return values.getString("SEARCH_LANGUAGE").trim().toLowerCase(Locale.ROOT); }
  public boolean requireInvite() { return values.getBoolean("REQUIRE_INVITE"); }
  public String publicUrl() { return values.getString("PUBLIC_URL"); }
  public boolean trustProxy() { return values.getBoolean("TRUST_PROXY"); }
  /** {@code text} or {@code json}; see {@code parley.log.LogFormat}. */
  public String logFormat() { return values.getString("LOG_FORMAT"); }
  public boolean accessLog() { return values.getBoolean("ACCESS_LOG"); }
  public int authRateLimitPerMinute() { return values.getInteger("AUTH_RATE_LIMIT_PER_MINUTE"); }
  public int loginLockAfterFailures() { return values.getInteger("LOGIN_LOCK_AFTER_FAILURES"); }
  public int loginLockSeconds() { return values.getInteger("LOGIN_LOCK_SECONDS"); }
  public int messageRateLimitPerMinute() { return values.getInteger("MESSAGE_RATE_LIMIT_PER_MINUTE"); }
  public int conversationRateLimitPerMinute() { return values.getInteger("CONVERSATION_RATE_LIMIT_PER_MINUTE"); }
  public int memberAddRateLimitPerMinute() { return values.getInteger("MEMBER_ADD_RATE_LIMIT_PER_MINUTE"); }
  public int roomCreateRateLimitPerHour() { return values.getInteger("ROOM_CREATE_RATE_LIMIT_PER_HOUR"); }
  public int renameRateLimitPerHour() { return values.getInteger("RENAME_RATE_LIMIT_PER_HOUR"); }
  public int inviteRateLimitPerHour() { return values.getInteger("INVITE_RATE_LIMIT_PER_HOUR"); }
  public String redisUrl() { return values.getString("REDIS_URL"); }
  public String redisKeyPrefix() { return values.getString("REDIS_KEY_PREFIX"); }
  public int presenceTtlSeconds() { return values.getInteger("PRESENCE_TTL_SECONDS"); }
  public int maxConnectionsPerUser() { return values.getInteger("MAX_CONNECTIONS_PER_USER"); }
  public int presenceOfflineDelaySeconds() { return values.getInteger("PRESENCE_OFFLINE_DELAY_SECONDS"); }
  /**
   * Linux epoll when it can load (only the x86-64 build is shipped), else Java NIO; with METRICS_ENABLED, the
   * meters. Vert.x takes both only as it is created, so whatever creates one (tests too) starts from these.
   */
  public io.vertx.core.VertxOptions vertxOptions() {
    return new io.vertx.core.VertxOptions().setPreferNativeTransport(values.getBoolean("NATIVE_TRANSPORT"))
      .setMetricsOptions(MetricsSetup.options(metricsEnabled()));
  }
  public boolean metricsEnabled() { return values.getBoolean("METRICS_ENABLED"); }
  /** What a scrape must present as {@code Authorization: Bearer …}; empty lets any scrape in. */
  public String metricsToken() { return values.getString("METRICS_TOKEN"); }
  /** A port of its own for {@code /metrics}; 0 serves it on PORT. */
  public int metricsPort() { return values.getInteger("METRICS_PORT"); }

  public boolean cluster() { return values.getBoolean("CLUSTER"); }
  public String clusterName() { return values.getString("CLUSTER_NAME"); }
  public String clusterHost() { return values.getString("CLUSTER_HOST"); }
  public int clusterPort() { return values.getInteger("CLUSTER_PORT"); }
  public int hazelcastPort() { return values.getInteger("HAZELCAST_PORT"); }
  public String clusterKubernetesServiceDns() { return values.getString("CLUSTER_KUBERNETES_SERVICE_DNS"); }

  /** CLUSTER_MEMBERS as Hazelcast takes them: {@code host} or {@code host:port}, one per entry. */
  public List<String> clusterMembers() {
    return Arrays.stream(values.getString("CLUSTER_MEMBERS").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The same settings with CLUSTER on, for the {@code -cluster} argument. */
  public AppConfig clustered() {
    return new AppConfig(values.copy().put("CLUSTER", true));
  }
  public String fileStorage() { return values.getString("FILE_STORAGE"); }
  public long maxUploadBytes() { return values.getInteger("MAX_UPLOAD_BYTES"); }
  public long uploadQuotaBytes() { return values.getInteger("UPLOAD_QUOTA_MB") * 1024L * 1024L; }
  public String s3Endpoint() { return values.getString("S3_ENDPOINT"); }
  public String s3Region() { return values.getString("S3_REGION"); }
  public String s3Bucket() { return values.getString("S3_BUCKET"); }
  public String s3AccessKey() { return values.getString("S3_ACCESS_KEY"); }
  public String s3SecretKey() { return values.getString("S3_SECRET_KEY"); }
  public String vapidPrivateKey() { return values.getString("VAPID_PRIVATE_KEY"); }
  public String vapidSubject() { return values.getString("VAPID_SUBJECT"); }
  public String expoPushUrl() { return values.getString("EXPO_PUSH_URL"); }
  public String expoReceiptsUrl() { return values.getString("EXPO_RECEIPTS_URL"); }
  public String expoAccessToken() { return values.getString("EXPO_ACCESS_TOKEN"); }
  public int pushPollSeconds() { return values.getInteger("PUSH_POLL_SECONDS"); }
  public int pushClaimSeconds() { return values.getInteger("PUSH_CLAIM_SECONDS"); }
  public int pushReceiptDelaySeconds() { return values.getInteger("PUSH_RECEIPT_DELAY_SECONDS"); }

  /** Web Push origins exempt from the https and public-address rules: a test's fake push service, say. */
  public List<String> pushAllowedOrigins() {
    return Arrays.stream(values.getString("PUSH_ALLOWED_ORIGINS").split(",")).map(String::trim).filter(s -> !s.isEmpty())
      .map(AppConfig::originOf).toList();
  }

  /** Origins allowed to use the cookie: PUBLIC_URL's origin plus ALLOWED_ORIGINS. Empty means "the request's own host". */
  public List<String> allowedOrigins() {
    String publicUrl = values.getString("PUBLIC_URL");
    String extra = values.getString("ALLOWED_ORIGINS");
    return java.util.stream.Stream.concat(
        publicUrl.isBlank() ? java.util.stream.Stream.empty() : java.util.stream.Stream.of(originOf(publicUrl)),
        Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(AppConfig::originOf))
      .distinct().toList();
  }

  /**
   * Host pages that may embed the chat widget (WIDGET_ALLOWED_ORIGINS): they get CORS answers, and the bridge takes
   * their connections when a token signs them in, never the cookie.
   */
  public List<String> widgetAllowedOrigins() {
    return Arrays.stream(values.getString("WIDGET_ALLOWED_ORIGINS").split(",")).map(String::trim).filter(s -> !s.isEmpty())
      .map(AppConfig::originOf).distinct().toList();
  }

  public static String originOf(String url) {
    URI uri = URI.create(url.trim());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("Not an absolute URL: " + url);
    }
    String origin = uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase();
    return uri.getPort() == -1 ? origin : origin + ":" + uri.getPort();
  }

  public JsonObject toJson() { return values.copy(); }

  public static AppConfig fromJson(JsonObject json) { return new AppConfig(json); }
}
