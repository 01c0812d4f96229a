package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import parley.bus.ServiceException;
import parley.config.AppConfig;
import parley.service.Sha256;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Web Push (RFC 8030): the payload encrypted for the browser (RFC 8291), signed for with our VAPID key (RFC 8292),
 * posted to the endpoint the browser gave, at the address {@link PushEndpoints} checked.
 */
final class WebPushProvider implements PushProvider {

  /** The push service keeps an undelivered message as long as we would go on retrying it. */
  static final int TTL_SECONDS = 86_400;
  private static final long TIMEOUT_MS = 10_000;
  private static final long TOKEN_SECONDS = 12 * 3600;

  private record Token(String header, long expiresAt) {
  }

  private record Prepared(byte[] body, String authorization) {
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final PushEndpoints endpoints;
  private final VapidKeys vapid;
  private final String subject;
  private final Map<String, Token> tokens = new HashMap<>();

  WebPushProvider(Vertx vertx, PushEndpoints endpoints, VapidKeys vapid, String subject) {
    this.vertx = vertx;
    this.endpoints = endpoints;
    this.vapid = vapid;
    this.subject = subject;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS).setIdleTimeout(30)
      .setVerifyHost(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
  }

  @Override
  public Future<PushOutcome> send(PushDelivery delivery) {
    URI endpoint;
    try {
      endpoint = endpoints.parse(delivery.endpoint());
    } catch (ServiceException refused) {
      return Future.succeededFuture(new PushOutcome.Failed(0, "endpoint refused: not an https URL"));
    }
    String origin = AppConfig.originOf(endpoint.toString());
    String authorization = authorization(origin);
    return endpoints.resolve(endpoint)
      .compose(address -> vertx.executeBlocking(() -> new Prepared(WebPushEncryption.encrypt(
          delivery.payload().encode().getBytes(StandardCharsets.UTF_8), Base64Url.decode(delivery.p256dh()),
          Base64Url.decode(delivery.auth())), authorization), false)
        .compose(prepared -> post(endpoint, address, delivery, prepared)))
      .recover(failure -> Future.succeededFuture(failure instanceof ServiceException
        ? new PushOutcome.Failed(0, "endpoint refused: not a public address")
        : new PushOutcome.Retry(0, null, "no answer: " + failure.getMessage())));
  }

  private Future<PushOutcome> post(URI endpoint, InetAddress address, PushDelivery delivery, Prepared prepared) {
    boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : https ? 443 : 80;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.toString())
      .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress())).setIdleTimeout(TIMEOUT_MS)
      .putHeader("TTL", Integer.toString(TTL_SECONDS)).putHeader("Content-Encoding", "aes128gcm")
      .putHeader("Content-Type", "application/octet-stream").putHeader("Authorization", prepared.authorization())
      .putHeader("Urgency", delivery.payload().getString("urgency", "normal")).putHeader("Topic", topic(delivery.itemKey()));
    return http.request(options)
      .compose(request -> request.send(Buffer.buffer(prepared.body())))
      .compose(response -> response.body().map(body -> outcome(response, body)));
  }

  private static PushOutcome outcome(HttpClientResponse response, Buffer body) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new PushOutcome.Sent(status, response.getHeader("Location"));
    }
    String said = status + " " + Responses.excerpt(body);
    if (status == 404 || status == 410) {
      return new PushOutcome.Gone(status, said);
    }
    if (Responses.retryable(status)) {
      return new PushOutcome.Retry(status, Responses.retryAfterMillis(response.getHeader("Retry-After")), said);
    }
    return new PushOutcome.Failed(status, said);
  }

  /** Signed once per push service origin for 12 hours, not once per push. */
  private String authorization(String origin) {
    long now = System.currentTimeMillis() / 1000;
    Token token = tokens.get(origin);
    if (token == null || token.expiresAt() - now < 3600) {
      token = new Token(vapid.authorization(origin, subject, now + TOKEN_SECONDS), now + TOKEN_SECONDS);
      tokens.put(origin, token);
    }
    return token.header();
  }

  /**
   * The same for every device and every retry of one item, so a push service holding an undelivered copy replaces
   * it: at most 32 characters of the URL-safe alphabet (RFC 8030).
   */
  static String topic(String itemKey) {
    return Base64Url.encode(Sha256.of(itemKey)).substring(0, 32);
  }
}
