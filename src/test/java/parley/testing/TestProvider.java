package parley.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenID Connect provider in the test JVM (mock-oauth2-server: discovery, JWKS, tokens signed RS256 with a key
 * per issuer id, the id being the key's {@code kid}), and a relay of its JWKS on a port of its own that a test can
 * turn: serve more keys (a rotation), serve fewer, or fail. Parley is given the relay's URL and counts as it fetches.
 */
public final class TestProvider implements AutoCloseable {

  public static final String ISSUER_ID = "parley-idp";
  public static final String AUDIENCE = "parley";
  public static final String CLIENT_ID = "parley-web";
  public static final String PROVIDER_NAME = "Acme ID";

  private final MockOAuth2Server provider;
  private final HttpServer relay;
  private final WebClient client;
  private volatile List<String> served = List.of(ISSUER_ID);
  private volatile boolean failing;
  public final AtomicInteger fetches = new AtomicInteger();

  private TestProvider(MockOAuth2Server provider, HttpServer relay, WebClient client) {
    this.provider = provider;
    this.relay = relay;
    this.client = client;
  }

  public static TestProvider start(Vertx vertx) {
    return start(vertx, new MockOAuth2Server());
  }

  /** One whose authorization endpoint shows its sign-in form, where a person types who they are. */
  public static TestProvider startInteractive(Vertx vertx) {
    return start(vertx, new MockOAuth2Server(new OAuth2Config(true)));
  }

  private static TestProvider start(Vertx vertx, MockOAuth2Server provider) {
    provider.start();
    WebClient client = WebClient.create(vertx);
    TestProvider[] self = new TestProvider[1];
    HttpServer relay = vertx.createHttpServer().requestHandler(request -> self[0].serve(request)).listen(0, "127.0.0.1").await();
    self[0] = new TestProvider(provider, relay, client);
    return self[0];
  }

  private void serve(HttpServerRequest request) {
    fetches.incrementAndGet();
    if (failing) {
      request.response().setStatusCode(503).end();
      return;
    }
    List<Future<JsonArray>> keys = served.stream()
      .map(issuerId -> client.getAbs(providerJwksUrl(issuerId)).send().map(response -> response.bodyAsJsonObject().getJsonArray("keys")))
      .toList();
    Future.all(keys).onComplete(all -> {
      JsonArray merged = new JsonArray();
      keys.forEach(each -> each.result().forEach(merged::add));
      request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("keys", merged).encode());
    });
  }

  /** The settings that make Parley take this provider's tokens, its keys fetched through the relay. */
  public JsonObject settings(String mode) {
    return new JsonObject().put("AUTH_MODE", mode).put("AUTH_ISSUER", issuer()).put("AUTH_AUDIENCE", AUDIENCE)
      .put("AUTH_JWKS_URL", jwksUrl());
  }

  public String issuer() {
    return issuerOf(ISSUER_ID);
  }

  /** The issuer URL of another issuer id of the same server: another provider, with a key of its own. */
  public String issuerOf(String issuerId) {
    return provider.issuerUrl(issuerId).toString();
  }

  /** The settings that turn single sign-on on with this provider, Parley being the client {@link #CLIENT_ID}. */
  public JsonObject ssoSettings() {
    return new JsonObject().put("OIDC_ISSUER", issuer()).put("OIDC_CLIENT_ID", CLIENT_ID)
      .put("OIDC_CLIENT_SECRET", "the web app's client secret").put("OIDC_PROVIDER_NAME", PROVIDER_NAME);
  }

  /**
   * The next code exchanged at the token endpoint signs in {@code subject}, its ID token with these claims too (which
   * may replace the provider's own: {@code iss}, {@code aud}, {@code nonce}); without this, a random subject.
   */
  public void nextSignIn(String subject, Map<String, Object> claims) {
    nextSignIn(ISSUER_ID, subject, claims);
  }

  /** As {@link #nextSignIn(String, Map)}, at the token endpoint of another issuer id of this server. */
  public void nextSignIn(String issuerId, String subject, Map<String, Object> claims) {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + relay.actualPort() + "/jwks";
  }

  /** The provider's own JWKS of an issuer id: the one key it signs that issuer's tokens with. */
  public String providerJwksUrl(String issuerId) {
    return provider.jwksUrl(issuerId).toString();
  }

  /** The relay serves the keys of these issuer ids from now on. */
  public void serveKeysOf(String... issuerIds) {
    served = List.of(issuerIds);
  }

  public void failFetches(boolean fail) {
    failing = fail;
  }

  /** A token for {@code subject}, as the provider issues them to Parley's audience for an hour, with these claims too. */
  public String token(String subject, Map<String, Object> claims) {
    return token(ISSUER_ID, subject, AUDIENCE, claims, 3600);
  }

  /**
   * A token signed with the key of {@code signingIssuerId}, naming that issuer unless {@code claims} say {@code iss}
   * otherwise; {@code expirySeconds} from now (negative: expired).
   */
  public String token(String signingIssuerId, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
    return provider.issueToken(signingIssuerId, subject, audience, claims, expirySeconds).serialize();
  }

  /**
   * A client-credentials token, as a service client gets one from the provider's token endpoint (the grant, over
   * HTTP): its subject is the client, its audience Parley's, and {@code scope} its scopes, space-separated.
   */
  public String clientCredentialsToken(String clientId, String scope) {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, clientId, "JWT", List.of(AUDIENCE), Map.of("scope", scope), 3600));
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials").add("scope", scope);
    HttpResponse<Buffer> response = client.postAbs(provider.tokenEndpointUrl(ISSUER_ID).toString())
      .basicAuthentication(clientId, "the client's secret").sendForm(form).await();
    if (response.statusCode() != 200) {
      throw new IllegalStateException("token endpoint: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("access_token");
  }

  /** The requests the provider has had since the last call, oldest first: {@code METHOD path body} each. */
  public List<String> requests() {
    List<String> seen = new ArrayList<>();
    while (true) {
      RecordedRequest request;
      try {
        request = provider.takeRequest(50, TimeUnit.MILLISECONDS);
      } catch (RuntimeException noMore) {
        return seen;
      }
      seen.add(request.getMethod() + " " + request.getPath() + " " + request.getBody().readUtf8());
    }
  }

  /** A token's claims, read without checking anything. */
  public static JsonObject claimsOf(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The compact form of a token with this header and these claims, and this signature part, as anyone can write one. */
  public static String craft(JsonObject header, JsonObject claims, String signature) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
      + encoder.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + signature;
  }

  @Override
  public void close() {
    provider.shutdown();
    relay.close().await();
  }
}
