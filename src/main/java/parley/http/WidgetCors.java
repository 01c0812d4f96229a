package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for the pages that embed the widget (WIDGET_ALLOWED_ORIGINS), and for no other origin: they may load the
 * widget's modules and call the API with {@code Authorization: Bearer}, and preflights from them are answered here.
 * Never {@code Access-Control-Allow-Credentials}: a host page cannot read anything made with Parley's cookie. Having
 * run, it also keeps the SockJS handler from echoing the Origin with credentials as it does by itself.
 */
final class WidgetCors implements Handler<RoutingContext> {

  private static final int PREFLIGHT_CACHE_SECONDS = 600;

  private final List<String> origins;
  private final CorsHandler cors;

  WidgetCors(List<String> origins) {
    this.origins = origins;
    this.cors = CorsHandler.create().addOrigins(origins)
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type"))
      .allowCredentials(false)
      .maxAgeSeconds(PREFLIGHT_CACHE_SECONDS);
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Any answer may or may not carry the header depending on the Origin, so no cache may hand one to another page.
    ctx.response().headers().add(HttpHeaders.VARY, "Origin");
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && origins.contains(origin.toLowerCase(Locale.ROOT))) {
      cors.handle(ctx);
    } else {
      ctx.next();
    }
  }
}
