package parley.identity;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import parley.service.NodeLocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A provider's keys from its JWKS URL (AUTH_JWKS_URL, or a tenant's), one copy per node and URL for every HTTP
 * instance. Fetched at start (a tenant's: at its first token); again when a token names a key not among them (at most
 * once a minute, however many such tokens come, so forged key ids cannot make Parley hammer the provider); and in the
 * background once an hour, so that a key the provider withdrew stops working. A fetch that fails, or brings no usable
 * key, keeps the keys there were.
 */
final class JwksKeys implements KeySource, Shareable {

  static final long REFETCH_MILLIS = 60_000;
  static final long REFRESH_MILLIS = 3_600_000;
  private static final long TIMEOUT_MILLIS = 10_000;
  private static final System.Logger LOG = System.getLogger(JwksKeys.class.getName());

  private final Vertx vertx;
  private final String url;
  private final LongSupplier clock;
  private volatile JWTAuth verifier;
  private final AtomicLong lastFetchAt = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong lastRefetchAt = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicReference<Future<Void>> fetching = new AtomicReference<>();

  JwksKeys(Vertx vertx, String url, LongSupplier clock) {
    this.vertx = vertx;
    this.url = url;
    this.clock = clock;
  }

  static JwksKeys shared(Vertx vertx, String url) {
    return NodeLocal.of(vertx, "identity.jwks " + url, () -> new JwksKeys(vertx, url, System::currentTimeMillis));
  }

  @Override
  public Set<String> algorithms() {
    return PemKeys.ALGORITHMS;
  }

  @Override
  public JWTAuth verifier() {
    if (clock.getAsLong() - lastFetchAt.get() >= REFRESH_MILLIS && fetching.get() == null) {
      fetch();
    }
    return verifier;
  }

  /** The first fetch, which a start waits for; its failure is logged, and tokens then fetch again themselves. */
  Future<Void> load() {
    Future<Void> running = fetching.get();
    return onCallersContext(running != null ? running : fetch());
  }

  @Override
  public Future<Void> unknownKey() {
    Future<Void> running = fetching.get();
    if (running != null) {
      return onCallersContext(running);
    }
    long now = clock.getAsLong();
    long last = lastRefetchAt.get();
    if (now - last < REFETCH_MILLIS || !lastRefetchAt.compareAndSet(last, now)) {
      return Future.succeededFuture();
    }
    return onCallersContext(fetch());
  }

  /** One fetch at a time: whoever comes while one runs waits for it. */
  private Future<Void> fetch() {
    Promise<Void> done = Promise.promise();
    if (!fetching.compareAndSet(null, done.future())) {
      Future<Void> running = fetching.get();
      return running != null ? running : Future.succeededFuture();
    }
    lastFetchAt.set(clock.getAsLong());
    // A client for each fetch: one kept would belong to the HTTP instance that made it, and close when it stops.
    WebClient client = WebClient.create(vertx);
    client.getAbs(url).timeout(TIMEOUT_MILLIS).send()
      .map(response -> {
        if (response.statusCode() != 200) {
          throw new IllegalStateException("it answered " + response.statusCode());
        }
        return usable(response.bodyAsJsonObject().getJsonArray("keys"));
      })
      .onComplete(fetched -> {
        if (fetched.succeeded() && !fetched.result().isEmpty()) {
          verifier = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(fetched.result()).setJWTOptions(FixedKeys.signatureOnly()));
        } else {
          String why = fetched.failed() ? String.valueOf(fetched.cause().getMessage()) : "it holds no RS256, ES256 or EdDSA signing key";
          LOG.log(System.Logger.Level.WARNING, "Cannot take the keys at " + url + " (" + why + "); "
            + (verifier == null ? "no external token is accepted until a fetch succeeds" : "the keys fetched before stay"));
        }
        client.close();
        fetching.set(null);
        done.complete();
      });
    return done.future();
  }

  /**
   * The signing keys of the kinds Parley accepts, each checked as Vert.x will load it: given keys Vert.x cannot load
   * it skips them, and a verifier left with none would take unsigned tokens.
   */
  static List<JsonObject> usable(JsonArray keys) {
    List<JsonObject> usable = new ArrayList<>();
    for (Object entry : keys == null ? new JsonArray() : keys) {
      if (entry instanceof JsonObject key && isSigningKey(key)) {
        JsonObject withAlgorithm = key.copy().put("alg", algorithmOf(key));
        try {
          new JWK(withAlgorithm);
          usable.add(withAlgorithm);
        } catch (RuntimeException unusable) {
          // skipped, as Vert.x would skip it
        }
      }
    }
    return usable;
  }

  private static boolean isSigningKey(JsonObject key) {
    Object use = key.getValue("use");
    Object declared = key.getValue("alg");
    String algorithm = algorithmOf(key);
    return (use == null || "sig".equals(use)) && algorithm != null && (declared == null || declared.equals(algorithm));
  }

  /** RSA keys sign RS256, P-256 keys ES256, Ed25519 and Ed448 keys EdDSA; no other kind, and no shared secret. */
  private static String algorithmOf(JsonObject key) {
    Object type = key.getValue("kty");
    Object curve = key.getValue("crv");
    if ("RSA".equals(type)) {
      return "RS256";
    }
    if ("EC".equals(type) && "P-256".equals(curve)) {
      return "ES256";
    }
    if ("OKP".equals(type) && ("Ed25519".equals(curve) || "Ed448".equals(curve))) {
      return "EdDSA";
    }
    return null;
  }

  /** A fetch completes on the context that started it; each waiter goes on on its own event loop. */
  private Future<Void> onCallersContext(Future<Void> fetch) {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    fetch.onComplete(done -> caller.runOnContext(go -> promise.complete()));
    return promise.future();
  }
}
