package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.tenant.TenantHosts;
import parley.tenant.TenantHosts.TenantHost;

import java.util.Locale;
import java.util.Optional;

/**
 * Puts the tenant of the request's host on it ({@link Http#tenantOf}), before anything signs in: the host alone
 * decides, never a header a proxy may pass on (X-Forwarded-Host), so that the tenant is the one whose cookie the
 * browser sent and whose origin {@link OriginGuard} checks. A subdomain naming no tenant answers
 * {@code 404 tenant_not_found}.
 */
final class HostTenant implements Handler<RoutingContext> {

  private final TenantHosts hosts;

  HostTenant(TenantHosts hosts) {
    this.hosts = hosts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Http.whenAnswered(ctx, hosts.of(hostOf(ctx.request())), tenant -> proceed(ctx, tenant));
  }

  private static void proceed(RoutingContext ctx, Future<Optional<TenantHost>> tenant) {
    if (tenant.failed()) {
      ctx.fail(tenant.cause());
    } else if (tenant.result().isEmpty()) {
      ctx.fail(ApiError.TENANT_NOT_FOUND.exception());
    } else {
      Http.atTenant(ctx, tenant.result().get());
      ctx.next();
    }
  }

  /** The authority's host (HTTP/1.1's Host header), lower-case, without a port or a trailing dot. */
  static String hostOf(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    String host = authority == null ? "" : authority.host().toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
