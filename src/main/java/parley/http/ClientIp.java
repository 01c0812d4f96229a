package parley.http;

import io.vertx.ext.web.RoutingContext;

/** The address of the client, taking the proxy's word only when TRUST_PROXY says there is one in front. */
final class ClientIp {

  private ClientIp() {
  }

  static String of(RoutingContext ctx, boolean trustProxy) {
    if (trustProxy) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        // The last hop was added by our own proxy; earlier ones can be forged by the client.
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }

  static boolean isHttps(RoutingContext ctx, boolean trustProxy) {
    if (ctx.request().isSSL()) {
      return true;
    }
    return trustProxy && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
  }
}
