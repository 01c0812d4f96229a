package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantHosts;
import parley.tenant.TenantHosts.TenantHost;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CORS for the pages that embed the widget, and for no other origin: those the tenant of the request's host lists
 * ({@code widgetOrigins}, else WIDGET_ALLOWED_ORIGINS). They may load the widget's modules and call the API with
 * {@code Authorization: Bearer}, and preflights from them are answered here. Never
 * {@code Access-Control-Allow-Credentials}: a host page cannot read anything made with Parley's cookie. Having run,
 * it also keeps the SockJS handler from echoing the Origin with credentials as it does by itself, and it tells
 * {@link OriginGuard} whether the Origin is a listed page ({@link #listed}).
 */
final class WidgetCors implements Handler<RoutingContext> {

  private static final int PREFLIGHT_CACHE_SECONDS = 600;
  private static final String LISTED = "parley.widgetOriginListed";

  private final TenantHosts hosts;
  private final EffectiveSettings settings;
  /** Answers only origins this class has found listed, so it may take any. */
  private final CorsHandler cors = CorsHandler.create().addOriginWithRegex("https?://.+")
    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
    .allowedHeaders(Set.of("Authorization", "Content-Type"))
    .allowCredentials(false)
    .maxAgeSeconds(PREFLIGHT_CACHE_SECONDS);

  WidgetCors(TenantHosts hosts, EffectiveSettings settings) {
    this.hosts = hosts;
    this.settings = settings;
  }

  /** Whether the request's Origin is a page its tenant lets embed the widget. */
  static boolean listed(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(LISTED));
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Any answer may or may not carry the header depending on the Origin, so no cache may hand one to another page.
    ctx.response().headers().add(HttpHeaders.VARY, "Origin");
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      ctx.next();
      return;
    }
    Future<List<String>> origins = tenant(ctx).compose(tenant -> tenant.isEmpty()
      ? Future.succeededFuture(List.<String>of()) : settings.of(tenant.get().id()).map(found -> found.widgetOrigins()));
    Http.whenAnswered(ctx, origins, answered -> proceed(ctx, answered, origin));
  }

  /** The tenant HostTenant put on an /api or /eventbus request; for the widget's own files, the host's. */
  private Future<Optional<TenantHost>> tenant(RoutingContext ctx) {
    TenantHost resolved = Http.resolvedTenantHost(ctx);
    return resolved != null ? Future.succeededFuture(Optional.of(resolved)) : hosts.of(HostTenant.hostOf(ctx.request()));
  }

  private void proceed(RoutingContext ctx, Future<List<String>> origins, String origin) {
    if (origins.failed()) {
      ctx.fail(origins.cause());
    } else if (origins.result().contains(origin.toLowerCase(Locale.ROOT))) {
      ctx.put(LISTED, true);
      cors.handle(ctx);
    } else {
      ctx.next();
    }
  }
}
