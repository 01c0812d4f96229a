package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The provider's keys from its JWKS URL, on a clock the test moves")
class JwksKeysTest {

  private TestProvider provider;
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private JwksKeys keys;

  @BeforeEach
  void start(Vertx vertx) {
    provider = TestProvider.start(vertx);
    keys = new JwksKeys(vertx, provider.jwksUrl(), now::get);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private String tokenSignedBy(String issuerId) {
    return provider.token(issuerId, "someone", TestProvider.AUDIENCE, Map.of(), 3600);
  }

  private boolean accepts(String token) {
    if (keys.verifier() == null) {
      return false;
    }
    return keys.verifier().authenticate(new TokenCredentials(token)).map(user -> true).otherwise(false).await();
  }

  @Test
  @DisplayName("a token with an unknown key makes one fetch, after which its key is known")
  void fetchesForUnknownKey() {
    keys.load().await();
    assertEquals(1, provider.fetches.get());
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
    assertFalse(accepts(tokenSignedBy("next")));

    provider.serveKeysOf(TestProvider.ISSUER_ID, "next");
    keys.unknownKey().await();
    assertEquals(2, provider.fetches.get());
    assertTrue(accepts(tokenSignedBy("next")));
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
  }

  @Test
  @DisplayName("unknown keys make at most one fetch a minute, however many come")
  void rateLimited() {
    keys.load().await();
    keys.unknownKey().await();
    assertEquals(2, provider.fetches.get());
    now.addAndGet(59_000);
    for (int i = 0; i < 5; i++) {
      keys.unknownKey().await();
    }
    assertEquals(2, provider.fetches.get());
    now.addAndGet(1_000);
    keys.unknownKey().await();
    assertEquals(3, provider.fetches.get());
  }

  @Test
  @DisplayName("unknown keys seen at once share one fetch")
  void oneFetchAtATime() {
    keys.load().await();
    List<Future<Void>> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(keys.unknownKey());
    }
    Future.all(waiting).await();
    assertEquals(2, provider.fetches.get());
  }

  @Test
  @DisplayName("a fetch that fails, or brings no usable key, keeps the keys there were")
  void failureKeepsKeys() {
    keys.load().await();
    provider.failFetches(true);
    keys.unknownKey().await();
    assertEquals(2, provider.fetches.get());
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));

    provider.failFetches(false);
    provider.serveKeysOf();
    now.addAndGet(JwksKeys.REFETCH_MILLIS);
    keys.unknownKey().await();
    assertEquals(3, provider.fetches.get());
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
  }

  @Test
  @DisplayName("rejects every token while no fetch has succeeded: there is no verifier at all, never one without keys")
  void nothingBeforeTheFirstFetch() {
    provider.failFetches(true);
    keys.load().await();
    assertNull(keys.verifier());
    assertFalse(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
    provider.failFetches(false);
    keys.unknownKey().await();
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
  }

  @Test
  @DisplayName("an hour on, the keys are fetched again in the background, and a key the provider withdrew stops working")
  void refreshDropsWithdrawnKeys() {
    provider.serveKeysOf(TestProvider.ISSUER_ID, "old");
    keys.load().await();
    assertTrue(accepts(tokenSignedBy("old")));
    provider.serveKeysOf(TestProvider.ISSUER_ID);
    now.addAndGet(JwksKeys.REFRESH_MILLIS);
    keys.verifier();
    keys.load().await();
    assertEquals(2, provider.fetches.get());
    assertFalse(accepts(tokenSignedBy("old")));
    assertTrue(accepts(tokenSignedBy(TestProvider.ISSUER_ID)));
  }

  @Test
  @DisplayName("takes only signing keys of RS256, ES256 and EdDSA: no shared secret, encryption key or other algorithm")
  void usableKeys(Vertx vertx) {
    JsonObject rsa = WebClient.create(vertx).getAbs(provider.providerJwksUrl(TestProvider.ISSUER_ID)).send().await()
      .bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).put("kid", "r");
    JsonArray offered = new JsonArray()
      .add(rsa)
      .add(rsa.copy().put("kid", "enc").put("use", "enc"))
      .add(rsa.copy().put("kid", "384").put("alg", "RS384"))
      .add(new JsonObject().put("kty", "oct").put("kid", "secret").put("k", "c2VjcmV0"))
      .add(new JsonObject().put("kty", "EC").put("crv", "P-384").put("kid", "p384").put("x", "AA").put("y", "AA"))
      .add("not a key");
    assertEquals(List.of("r"), JwksKeys.usable(offered).stream().map(key -> key.getString("kid")).toList());
    assertEquals("RS256", JwksKeys.usable(offered).get(0).getString("alg"));
  }
}
