package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.config.ProfileClaims;
import parley.service.Sha256;

import java.net.URI;
import java.util.Base64;
import java.util.List;

/**
 * Parley as an OpenID Connect relying party (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or a tenant's own
 * {@link IdentityProvider}): the provider found by
 * discovery (kept, found again after a failure), the authorization request (code flow, state, nonce, PKCE S256), and
 * the code's exchange, whose ID token must hold every check of OpenID Connect Core 3.1.3.7 before anyone is signed in.
 * Vert.x checks the ID token's signature (the discovered JWKS), issuer, audience and authorised party, but answers a
 * failed check by leaving the token out, and checks neither its expiry nor its nonce: those are checked here, and so
 * again are the issuer and the audience, so that nothing rests on what Vert.x leaves out.
 */
public final class SingleSignOn {

  private static final System.Logger LOG = System.getLogger(SingleSignOn.class.getName());
  private static final long JWKS_AGAIN_AFTER_MILLIS = 60_000;

  private final Vertx vertx;
  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;
  private final int skewSeconds;
  private final ProfileClaims names;
  private final TokenPermissions permissions;
  private Future<OAuth2Auth> discovered;
  private long jwksFetchedAt;

  private SingleSignOn(Vertx vertx, AppConfig config, IdentityProvider provider) {
    this.vertx = vertx;
    this.issuer = provider.issuer();
    this.clientId = provider.oidcClientId();
    this.clientSecret = provider.oidcClientSecret();
    this.scopes = config.oidcScopes();
    this.skewSeconds = config.authClockSkewSeconds();
    this.names = config.authClaims();
    this.permissions = TokenPermissions.of(config);
  }

  /**
   * Sign-ins at {@code provider} (the install's, or a tenant's), or null when it has no client for the web app. The
   * scopes, and the claims that name the person, are the install's for every provider.
   */
  static SingleSignOn create(Vertx vertx, AppConfig config, IdentityProvider provider) {
    return provider.singleSignOn() ? new SingleSignOn(vertx, config, provider) : null;
  }

  /**
   * Refuses to start with settings that cannot work: all three of issuer, client id and secret or none; an http(s)
   * issuer; the {@code openid} scope. With AUTH_MODE external or both, the provider whose tokens Parley takes must be
   * this one (AUTH_ISSUER = OIDC_ISSUER): a subject is someone only within its issuer, and both make users by it.
   */
  public static void check(AppConfig config) {
    long given = java.util.stream.Stream.of(config.oidcIssuer(), config.oidcClientId(), config.oidcClientSecret())
      .filter(value -> !value.isBlank()).count();
    if (given == 0) {
      return;
    }
    if (given != 3) {
      throw new IllegalArgumentException("Single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none)");
    }
    URI url;
    try {
      url = URI.create(config.oidcIssuer().trim());
    } catch (IllegalArgumentException notAUrl) {
      url = null;
    }
    if (url == null || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new IllegalArgumentException("OIDC_ISSUER must be the provider's issuer, an http(s) URL");
    }
    if ("http".equals(url.getScheme())) {
      LOG.log(System.Logger.Level.WARNING, "OIDC_ISSUER is plain http: whoever can change the answers on their way can"
        + " sign in as anyone; use https unless the provider runs beside Parley");
    }
    if (!config.oidcScopes().contains("openid")) {
      throw new IllegalArgumentException("OIDC_SCOPES must include openid");
    }
    // The ID token's claims grant as a provider token's do, whatever AUTH_MODE is: the maps must hold.
    TokenPermissions.of(config);
    if (config.authMode().externalTokens() && !config.authIssuer().trim().equals(config.oidcIssuer().trim())) {
      throw new IllegalArgumentException("With AUTH_MODE=" + config.authMode().name().toLowerCase(java.util.Locale.ROOT)
        + ", OIDC_ISSUER must equal AUTH_ISSUER: one provider names the people");
    }
  }

  /** Where the browser goes to sign in, for this sign-in. */
  Future<String> authorizeUrl(SsoLogin login) {
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(login.codeVerifier()));
    return provider().map(oidc -> oidc.authorizeURL(new OAuth2AuthorizationURL().setRedirectUri(login.redirectUri())
      .setScopes(scopes).setState(login.state()).setCodeChallenge(challenge).setCodeChallengeMethod("S256")
      .putAdditionalParameter("nonce", login.nonce())));
  }

  /** The code exchanged (with the PKCE verifier) and its ID token checked: who it names, and the token itself. */
  Future<SignedIn> exchange(SsoLogin login, String code) {
    return provider().compose(oidc -> oidc.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(code).setRedirectUri(login.redirectUri()).setCodeVerifier(login.codeVerifier()))
      .recover(failure -> {
        LOG.log(System.Logger.Level.INFO, "The identity provider refused a sign-in code: " + failure.getMessage());
        return Future.failedFuture(ApiError.SSO_EXCHANGE.exception());
      })
      .map(user -> checked(oidc, user, login.nonce())));
  }

  /** A person signed in by the provider: who, and the ID token that says so (kept for signing out). */
  record SignedIn(ExternalIdentity identity, String idToken) {
  }

  private SignedIn checked(OAuth2Auth oidc, User user, String nonce) {
    String idToken = user.principal().getString("id_token");
    JsonObject claims = user.attributes().getJsonObject("idToken");
    if (user.attributes().containsKey("missing-kid")) {
      // A key the provider has begun to sign with: fetched now, so that the person's next try works.
      fetchKeys(oidc);
    }
    long now = System.currentTimeMillis() / 1000;
    if (idToken == null || claims == null || !issuer.equals(claims.getValue("iss")) || !audienceHolds(claims.getValue("aud"))
      || !(claims.getValue("exp") instanceof Number expires) || now - skewSeconds >= expires.longValue()) {
      throw ApiError.SSO_ID_TOKEN.exception();
    }
    Object claimed = claims.getValue("nonce");
    if (!(claimed instanceof String text) || !SsoLogin.matches(nonce, text)) {
      throw ApiError.SSO_NONCE.exception();
    }
    String subject = TokenClaims.subject(claims.getValue(names.subject()));
    if (subject == null) {
      throw ApiError.TOKEN_SUBJECT.exception();
    }
    return new SignedIn(ExternalIdentity.forSingleSignOn(subject, Profile.of(claims, names), permissions.grantOf(claims)), idToken);
  }

  private boolean audienceHolds(Object aud) {
    return clientId.equals(aud) || aud instanceof JsonArray list && list.contains(clientId);
  }

  /**
   * The provider's end_session_endpoint with the ID token as hint and where to come back to, or null when the
   * provider offers none (or cannot be reached now: Parley's own session is over either way).
   */
  Future<String> logoutUrl(String idToken, String postLogoutRedirectUri) {
    return provider().map(oidc -> oidc.endSessionURL(User.create(new JsonObject().put("id_token", idToken)),
        new JsonObject().put("post_logout_redirect_uri", postLogoutRedirectUri).put("client_id", clientId)))
      .otherwise((String) null);
  }

  /** The discovered provider, found once and kept; a failed discovery is tried again at the next sign-in. */
  private Future<OAuth2Auth> provider() {
    Future<OAuth2Auth> current = discovered;
    if (current == null) {
      OAuth2Options options = new OAuth2Options().setSite(withoutTrailingSlash(issuer)).setClientId(clientId)
        .setClientSecret(clientSecret).setJWTOptions(new JWTOptions().setLeeway(skewSeconds));
      Future<OAuth2Auth> attempt = OpenIDConnectAuth.discover(vertx, options);
      discovered = attempt;
      jwksFetchedAt = System.currentTimeMillis();
      attempt.onFailure(failure -> {
        LOG.log(System.Logger.Level.WARNING, "The identity provider's discovery (" + issuer + ") failed: " + failure.getMessage());
        if (discovered == attempt) {
          discovered = null;
        }
      });
      current = attempt;
    }
    return current.recover(failure -> Future.failedFuture(ApiError.SSO_UNAVAILABLE.exception()));
  }

  private void fetchKeys(OAuth2Auth oidc) {
    long now = System.currentTimeMillis();
    if (now - jwksFetchedAt >= JWKS_AGAIN_AFTER_MILLIS) {
      jwksFetchedAt = now;
      oidc.jWKSet().onFailure(failure -> LOG.log(System.Logger.Level.WARNING,
        "The identity provider's keys could not be fetched: " + failure.getMessage()));
    }
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
