package parley.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import parley.config.AppConfig;

/**
 * {@code GET /health/live}: the process is up (its event loop answers), also while it shuts down.
 * {@code GET /health/ready}: it can serve now (started, not shutting down, the database answers, Redis and the
 * cluster when configured), 200 when ready and 503 when not. Both answer JSON with each check's state, to anyone:
 * a load balancer sends no cookie, token or Origin, so they are mounted before authentication, rate limits and the
 * Origin guard, and they carry nothing private. Never cached: an old answer is a wrong one. See docs/operations.md.
 */
public final class HealthRoutes {

  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  /** Each check's time to answer: a hung database makes the probe answer 503 after this, not hang with it. */
  static final long CHECK_TIMEOUT_MS = 2000;

  private final ReadinessChecks checks;

  private HealthRoutes(ReadinessChecks checks) {
    this.checks = checks;
  }

  /** Mounts both routes on {@code router}; {@link #close()} lets go of what the checks hold. */
  public static HealthRoutes mount(Router router, Vertx vertx, AppConfig config, Pool pool) {
    router.route("/health/*").handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.next();
    });

    HealthCheckHandler live = HealthCheckHandler.create(vertx).register("process", up -> up.complete(Status.OK()));
    router.get(LIVE).handler(live);

    ReadinessChecks checks = new ReadinessChecks(vertx, pool, config.redisUrl());
    HealthCheckHandler ready = HealthCheckHandler.create(vertx).resultMapper(new Readiness(CHECK_TIMEOUT_MS));
    checks.register(ready, CHECK_TIMEOUT_MS);
    router.get(READY).handler(ready);
    return new HealthRoutes(checks);
  }

  public Future<Void> close() {
    return checks.close();
  }
}
