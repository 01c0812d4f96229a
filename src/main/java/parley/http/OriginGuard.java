package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.file.FileUploads;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cross-site use of the cookie is refused. An Origin must be one of the configured origins (or, when none is
 * configured, the server's own scheme and host). Bots send no Origin and authenticate with a token, so they pass.
 * The pages the host's tenant allows to embed the widget ({@link WidgetCors#listed}) pass with a token the page gave, never with the
 * cookie: the widget signs in as the host page says, and the host page never acts with Parley's own session.
 */
final class OriginGuard {

  /**
   * The bridge requests that open or drive a session. Browsers send an Origin on each of them (a WebSocket upgrade,
   * a POST), so one without is not the app's.
   */
  private static final Pattern SESSION_REQUEST = Pattern.compile(".*/(websocket|xhr|xhr_streaming|xhr_send)$");

  private final List<String> allowedOrigins;
  private final boolean trustProxy;

  OriginGuard(List<String> allowedOrigins, boolean trustProxy) {
    this.allowedOrigins = allowedOrigins;
    this.trustProxy = trustProxy;
  }

  /**
   * For every SockJS request, the WebSocket upgrade included: a foreign Origin gets 403 and no CORS echo. With the
   * cookie, the request must also come from the app's own pages: a top-level navigation from another site carries a
   * {@code SameSite=Lax} cookie but no Origin, and says where it came from in {@code Sec-Fetch-Site}.
   */
  Handler<RoutingContext> bridge() {
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
      boolean foreign = origin != null && !allowed(ctx, origin) && !widgetWithToken(ctx, origin);
      boolean crossSiteCookie = TokenAuth.viaCookie(ctx) && ((fetchSite != null && !fetchSite.equals("same-origin"))
        || (origin == null && SESSION_REQUEST.matcher(ctx.request().path()).matches()));
      if (foreign || crossSiteCookie) {
        ctx.fail(ApiError.FORBIDDEN_ORIGIN.exception());
      } else {
        ctx.next();
      }
    };
  }

  /**
   * For state-changing REST calls; those made with the cookie also need a matching Origin and a JSON body (a
   * multipart one for an upload).
   */
  Handler<RoutingContext> api() {
    return ctx -> {
      HttpMethod method = ctx.request().method();
      if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
        ctx.next();
        return;
      }
      String origin = ctx.request().getHeader("Origin");
      boolean viaCookie = TokenAuth.viaCookie(ctx);
      if ((origin != null && !allowed(ctx, origin) && !widgetWithToken(ctx, origin)) || (origin == null && viaCookie)) {
        ctx.fail(ApiError.FORBIDDEN_ORIGIN.exception());
        return;
      }
      String contentType = ctx.request().getHeader("Content-Type");
      // A cross-site form can send neither JSON nor (past the Origin check above) a multipart upload with the cookie.
      String expected = FileUploads.isUpload(ctx.request()) ? "multipart/form-data" : "application/json";
      if (viaCookie && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(expected))) {
        ctx.fail(ApiError.UNSUPPORTED_MEDIA_TYPE.exception());
        return;
      }
      ctx.next();
    };
  }

  /**
   * A page allowed to embed the widget, with a token it gave (the Authorization header or ?token=). Without one it
   * has no business here either: it signs in through its own backend, not by posting a password from the browser.
   */
  private boolean widgetWithToken(RoutingContext ctx, String origin) {
    return !TokenAuth.viaCookie(ctx) && Http.bearer(ctx) != null && WidgetCors.listed(ctx);
  }

  private boolean allowed(RoutingContext ctx, String origin) {
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(normalized)) {
      return true;
    }
    // No PUBLIC_URL configured, or a host that names its tenant (which PUBLIC_URL cannot list): the page must come
    // from the host the browser is talking to, over the same scheme.
    if (!allowedOrigins.isEmpty() && !Http.tenantHostOf(ctx).named()) {
      return false;
    }
    String host = ctx.request().getHeader("Host");
    String scheme = ClientIp.isHttps(ctx, trustProxy) ? "https" : "http";
    return host != null && normalized.equals(scheme + "://" + host.toLowerCase(Locale.ROOT));
  }
}
