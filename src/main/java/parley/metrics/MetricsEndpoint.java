package parley.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.http.Http;
import parley.service.Sha256;

import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the Prometheus text of this node's meters. Outside the session, cookie and Origin checks
 * (a scraper has none of them); with METRICS_TOKEN set, only {@code Authorization: Bearer <METRICS_TOKEN>} is
 * answered, else {@code 401 unauthenticated}.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

  public static final String PATH = "/metrics";
  private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  /** The token's digest: comparing digests takes the same time whatever the length of what is presented. */
  private final byte[] tokenDigest;

  private MetricsEndpoint(Vertx vertx, PrometheusMeterRegistry registry, String token) {
    this.vertx = vertx;
    this.registry = registry;
    this.tokenDigest = token.isEmpty() ? null : Sha256.of(token);
  }

  /** Serves {@link #PATH} on the main port, when metrics are on and have no port of their own (METRICS_PORT 0). */
  public static void mountOnMainPort(Router router, Vertx vertx, AppConfig config) {
    if (config.metricsEnabled() && config.metricsPort() == 0) {
      router.get(PATH).handler(create(vertx, config));
    }
  }

  static MetricsEndpoint create(Vertx vertx, AppConfig config) {
    MeterRegistry registry = ParleyMetrics.registryOf(vertx);
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      throw new IllegalStateException("METRICS_ENABLED is true, but Vert.x was created without metrics: create it with AppConfig.vertxOptions()");
    }
    return new MetricsEndpoint(vertx, prometheus, config.metricsToken());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!authorised(Http.bearer(ctx))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      Http.error(ctx, ApiError.UNAUTHENTICATED);
      return;
    }
    // Formatting every meter is work for a worker, not for an event loop that carries sockets.
    vertx.executeBlocking(registry::scrape, false).onComplete(scraped -> {
      if (scraped.failed()) {
        LOG.log(System.Logger.Level.ERROR, "Scraping the meters failed", scraped.cause());
        Http.error(ctx, ApiError.INTERNAL);
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(scraped.result());
      }
    });
  }

  private boolean authorised(String bearer) {
    if (tokenDigest == null) {
      return true;
    }
    return bearer != null && MessageDigest.isEqual(tokenDigest, Sha256.of(bearer));
  }

}
