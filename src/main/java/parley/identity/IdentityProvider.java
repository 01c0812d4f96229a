package parley.identity;

import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.config.AuthMode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who says who a tenant's people are: its {@link AuthMode}, the provider whose tokens it takes (issuer, audience and
 * one source of keys) and the OpenID Connect client the web app signs in with at that provider. The install's comes
 * from AUTH_* and OIDC_* ({@link #ofInstall}); a tenant's own, which only the platform sets, replaces it whole
 * ({@link #fromJson}). Empty strings stand for what is not set. Two equal records are one provider, so a changed
 * setting makes a new verifier and a new client, never a changed one.
 */
public record IdentityProvider(AuthMode mode, String issuer, String audience, String jwksUrl, String publicKeys,
                               String hs256Secret, String oidcClientId, String oidcClientSecret, String providerName) {

  private static final Set<String> KEYS = Set.of("mode", "issuer", "audience", "jwksUrl", "publicKeys", "hs256Secret",
    "oidcClientId", "oidcClientSecret", "providerName");
  /** What {@link #toView} says in place of the secrets; sent back unchanged, they are simply not there. */
  private static final Set<String> VIEW_ONLY_KEYS = Set.of("hs256SecretSet", "oidcClientSecretSet");
  private static final int MIN_SECRET_BYTES = 32;
  private static final int MAX_URL = 2_000;
  private static final int MAX_TEXT = 200;
  private static final int MAX_KEYS_TEXT = 20_000;

  /** The install's: AUTH_* for tokens, OIDC_* for single sign-on (checked at start to be one issuer when both are on). */
  public static IdentityProvider ofInstall(AppConfig config) {
    boolean sso = !config.oidcIssuer().isBlank();
    return new IdentityProvider(config.authMode(), (sso ? config.oidcIssuer() : config.authIssuer()).trim(),
      config.authAudience(), config.authJwksUrl().trim(), config.authPublicKeys(), config.authHs256Secret(),
      sso ? config.oidcClientId().trim() : "", sso ? config.oidcClientSecret() : "", config.oidcProviderName().trim());
  }

  public boolean takesTokens() {
    return mode.externalTokens();
  }

  public boolean localAccounts() {
    return mode.localAccounts();
  }

  public boolean singleSignOn() {
    return !oidcClientId.isEmpty();
  }

  /** What "Sign in with …" names: the provider's name, else its issuer's host. */
  public String signInName() {
    return providerName.isEmpty() ? URI.create(issuer).getHost() : providerName;
  }

  /**
   * A tenant's own provider from the platform's {@code identity} object. A secret it leaves out stays as it was in
   * {@code before} (null: none), so that a console can change the rest without knowing it. Whatever cannot work is
   * {@code 400 invalid_identity_setting}: an issuer and an audience for tokens, exactly one source of keys, usable
   * keys, a shared secret of at least 32 bytes, both of the client's id and secret or neither.
   */
  public static IdentityProvider fromJson(Object value, IdentityProvider before) {
    if (!(value instanceof JsonObject json) || !json.fieldNames().stream().allMatch(key -> KEYS.contains(key) || VIEW_ONLY_KEYS.contains(key))) {
      throw invalid();
    }
    AuthMode mode;
    try {
      mode = AuthMode.named(text(json, "mode", MAX_TEXT));
    } catch (IllegalArgumentException unknown) {
      throw invalid();
    }
    String jwksUrl = text(json, "jwksUrl", MAX_URL);
    String publicKeys = text(json, "publicKeys", MAX_KEYS_TEXT);
    String secret = json.containsKey("hs256Secret") ? text(json, "hs256Secret", MAX_TEXT)
      : jwksUrl.isEmpty() && publicKeys.isEmpty() && before != null ? before.hs256Secret : "";
    String clientId = text(json, "oidcClientId", MAX_TEXT);
    String clientSecret = json.containsKey("oidcClientSecret") ? text(json, "oidcClientSecret", MAX_TEXT)
      : !clientId.isEmpty() && before != null ? before.oidcClientSecret : "";
    IdentityProvider provider = new IdentityProvider(mode, text(json, "issuer", MAX_URL), text(json, "audience", MAX_TEXT),
      jwksUrl, publicKeys, secret, clientId, clientSecret, text(json, "providerName", MAX_TEXT));
    provider.check();
    return provider;
  }

  private void check() {
    long sources = Stream.of(jwksUrl, publicKeys, hs256Secret).filter(source -> !source.isEmpty()).count();
    boolean issuerNeeded = takesTokens() || singleSignOn();
    if (issuerNeeded != !issuer.isEmpty() || takesTokens() != !audience.isEmpty() || sources != (takesTokens() ? 1 : 0)
      || singleSignOn() == oidcClientSecret.isEmpty() || !providerName.isEmpty() && !singleSignOn()) {
      throw invalid();
    }
    if (!issuer.isEmpty() && !webUrl(issuer) || !jwksUrl.isEmpty() && !webUrl(jwksUrl)
      || !hs256Secret.isEmpty() && hs256Secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw invalid();
    }
    if (!publicKeys.isEmpty()) {
      try {
        PemKeys.parse(publicKeys);
      } catch (IllegalArgumentException unusable) {
        throw invalid();
      }
    }
  }

  /** As stored: every setting, the secrets too. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("mode", mode.name().toLowerCase(Locale.ROOT));
    putSet(json, "issuer", issuer);
    putSet(json, "audience", audience);
    putSet(json, "jwksUrl", jwksUrl);
    putSet(json, "publicKeys", publicKeys);
    putSet(json, "hs256Secret", hs256Secret);
    putSet(json, "oidcClientId", oidcClientId);
    putSet(json, "oidcClientSecret", oidcClientSecret);
    putSet(json, "providerName", providerName);
    return json;
  }

  /** As shown, to operators and to the tenant's admins alike: the secrets never, only whether they are set. */
  public JsonObject toView() {
    JsonObject view = toJson();
    view.remove("hs256Secret");
    view.remove("oidcClientSecret");
    return view.put("hs256SecretSet", !hs256Secret.isEmpty()).put("oidcClientSecretSet", !oidcClientSecret.isEmpty());
  }

  private static void putSet(JsonObject json, String key, String value) {
    if (!value.isEmpty()) {
      json.put(key, value);
    }
  }

  private static String text(JsonObject json, String key, int max) {
    Object value = json.getValue(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text) || text.length() > max) {
      throw invalid();
    }
    // A PEM block keeps its line breaks; everything else is one line.
    return key.equals("publicKeys") ? text.strip() : text.trim();
  }

  private static boolean webUrl(String value) {
    try {
      URI url = new URI(value);
      return url.getHost() != null && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
        && url.getRawUserInfo() == null;
    } catch (Exception notAUrl) {
      return false;
    }
  }

  private static RuntimeException invalid() {
    return ApiError.INVALID_IDENTITY_SETTING.exception();
  }
}
