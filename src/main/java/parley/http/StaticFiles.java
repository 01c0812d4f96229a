package parley.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web app's files. Vendored files carry their version in their URL and never change under it, so browsers keep
 * them for a year without asking. The app's own files keep their names; the page names them with their version
 * ({@link AppPage}), and such a URL is kept for a year too. Asked for without it, they are revalidated (a cheap 304
 * while their ETag still matches), as the page itself always is.
 */
final class StaticFiles {

  static final String SOCKJS_VERSION = "1.6.1";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String SOCKJS_CLIENT = "META-INF/resources/webjars/sockjs-client/" + SOCKJS_VERSION + "/dist";
  private static final String WEBROOT = "webroot";

  private StaticFiles() {
  }

  static void mount(Vertx vertx, Router router) {
    WidgetFiles.mount(vertx, router);
    String sockjs = "/vendor/sockjs-" + SOCKJS_VERSION + "/*";
    router.route(sockjs).handler(StaticFiles::immutableWhenFound);
    router.route(sockjs).handler(StaticHandler.create(SOCKJS_CLIENT).setCachingEnabled(false));
    router.route("/vendor/*").handler(StaticFiles::immutableWhenFound);
    router.route("/vendor/*").handler(StaticHandler.create(WEBROOT + "/vendor").setCachingEnabled(false));
    FileETags etags = new FileETags(vertx, WEBROOT);
    AppPage page = new AppPage(vertx, etags, WEBROOT, "index.html");
    router.route("/").handler(page);
    router.route("/index.html").handler(page);
    AppPage platform = new AppPage(vertx, etags, WEBROOT, "platform.html");
    router.route("/platform").handler(platform);
    router.route("/platform.html").handler(platform);
    // The static handler names no type for this extension; browsers want this one (the manifest spec's).
    router.route("/manifest.webmanifest").handler(ctx -> {
      ctx.response().putHeader("Content-Type", "application/manifest+json");
      ctx.next();
    });
    router.route().handler(etags);
    router.route().handler(StaticHandler.create(WEBROOT).setIndexPage("index.html").setCachingEnabled(false));
  }

  /** Only a file actually sent may be cached; a 404 kept for a year would outlive the fix. */
  private static void immutableWhenFound(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      if (ctx.response().getStatusCode() == 200) {
        ctx.response().putHeader("Cache-Control", IMMUTABLE);
      }
    });
    ctx.next();
  }
}
