package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries. The CSP allows only the app's own scripts, styles, connections and web app
 * manifest. Over https (directly or behind a trusted proxy), browsers are told to use nothing else for a year.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private static final String CSP = policy("script-src 'self'");
  // No includeSubDomains: the operator's other hosts are not Parley's to decide for.
  private static final String HSTS = "max-age=31536000";

  private final boolean trustProxy;

  SecurityHeaders(boolean trustProxy) {
    this.trustProxy = trustProxy;
  }

  /** The policy, allowing also the one inline script whose SHA-256 is given (base64): the page's import map. */
  static String allowingInlineScript(String sha256) {
    return policy("script-src 'self' 'sha256-" + sha256 + "'");
  }

  private static String policy(String scriptSources) {
    return String.join("; ",
      "default-src 'self'",
      scriptSources,
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' data: blob:",
      "connect-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.set("Content-Security-Policy", CSP);
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (ClientIp.isHttps(ctx, trustProxy)) {
      headers.set("Strict-Transport-Security", HSTS);
    }
    ctx.next();
  }
}
