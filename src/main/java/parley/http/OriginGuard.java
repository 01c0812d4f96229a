package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.file.FileUploads;

import java.util.List;
import java.util.Locale;

/**
 * Cross-site use of the cookie is refused. An Origin must be one of the configured origins (or, when none is
 * configured, the server's own host). Bots send no Origin and authenticate with a token, so they pass.
 */
final class OriginGuard {

  private final List<String> allowedOrigins;

  OriginGuard(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /** For every SockJS request, the WebSocket upgrade included: a foreign Origin gets 403 and no CORS echo. */
  Handler<RoutingContext> bridge() {
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && !allowed(ctx, origin)) {
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
      if ((origin != null && !allowed(ctx, origin)) || (origin == null && viaCookie)) {
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

  private boolean allowed(RoutingContext ctx, String origin) {
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(normalized);
    }
    // No PUBLIC_URL configured: the page must come from the host the browser is talking to.
    String host = ctx.request().getHeader("Host");
    int schemeEnd = normalized.indexOf("://");
    return host != null && schemeEnd > 0 && normalized.substring(schemeEnd + 3).equals(host.toLowerCase(Locale.ROOT));
  }
}
