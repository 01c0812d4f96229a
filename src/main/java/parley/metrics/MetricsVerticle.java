package parley.metrics;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.http.Http;

/**
 * {@code /metrics} on a management port of its own (METRICS_PORT), which a firewall can keep apart from the public
 * one; nothing else is served there. Without METRICS_ENABLED, or with METRICS_PORT 0 (the main port serves it
 * then), it starts nothing.
 */
public class MetricsVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    if (!config.metricsEnabled() || config.metricsPort() == 0) {
      return Future.succeededFuture();
    }
    Router router = Router.router(vertx);
    router.get(MetricsEndpoint.PATH).handler(MetricsEndpoint.create(vertx, config));
    router.route().handler(ctx -> Http.error(ctx, ApiError.NOT_FOUND));
    return vertx.createHttpServer().requestHandler(router).listen(config.metricsPort(), config.host());
  }
}
