package parley.http;

import io.vertx.ext.web.RoutingContext;
import parley.config.AppConfig;

import java.util.Locale;

/**
 * The address people reach Parley at, as an origin: PUBLIC_URL's when it is set, else the request's own scheme and
 * host; and always the request's own on a host that names its tenant (a tenant's subdomain or domain), which has its
 * own cookies. What the identity provider sends browsers back to (after signing in, after signing out) is built on it.
 */
final class PublicOrigin {

  private final String configured;
  private final boolean trustProxy;

  PublicOrigin(String publicUrl, boolean trustProxy) {
    this.configured = publicUrl.isBlank() ? null : AppConfig.originOf(publicUrl);
    this.trustProxy = trustProxy;
  }

  String of(RoutingContext ctx) {
    if (configured != null && !Http.tenantHostOf(ctx).named()) {
      return configured;
    }
    String host = ctx.request().getHeader("Host");
    return (ClientIp.isHttps(ctx, trustProxy) ? "https" : "http") + "://" + (host == null ? "localhost" : host.toLowerCase(Locale.ROOT));
  }
}
