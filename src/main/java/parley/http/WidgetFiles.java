package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * What a foreign page needs to run the widget. {@code widget.js} and its stylesheet are loaded without CORS (a plain
 * script tag, a link in the widget's shadow root), so they say that any site may embed them, for host pages that
 * require it (Cross-Origin-Embedder-Policy). The modules come through CORS ({@link WidgetCors}).
 *
 * <p>The vendored event-bus client is a script that sets a global {@code EventBus}. The widget must leave the host
 * page's globals alone, so the same file is also served as a module: {@link #EVENT_BUS_MODULE} exports
 * {@code eventBusWith(SockJS)}, which runs the file's own CommonJS branch with {@code require('sockjs-client')}
 * answering the transport given and answers the EventBus class it makes.
 */
final class WidgetFiles {

  static final String EVENT_BUS_MODULE = "/vendor/vertx-eventbus-1.0.0.module.js";
  private static final String EVENT_BUS_SCRIPT = "webroot/vendor/vertx-eventbus-1.0.0.js";
  private static final String PROLOGUE = """
    // Served by Parley: webroot/vendor/vertx-eventbus-1.0.0.js as a module, with no global (see WidgetFiles.java).
    export function eventBusWith(SockJS) {
      const module = {exports: {}};
      let exports = module.exports;
      const require = () => SockJS;
    """;
  private static final String EPILOGUE = """

      return module.exports;
    }
    """;

  private record Module(Buffer body, String etag) {
  }

  private WidgetFiles() {
  }

  static void mount(Vertx vertx, Router router) {
    for (String path : new String[] {"/widget.js", "/widget/widget.css"}) {
      router.route(path).handler(ctx -> {
        ctx.response().putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.next();
      });
    }
    Future<Module> module = vertx.fileSystem().readFile(EVENT_BUS_SCRIPT).map(WidgetFiles::wrap);
    router.get(EVENT_BUS_MODULE).handler(ctx -> module.onComplete(built -> {
      if (built.failed()) {
        ctx.fail(built.cause());
      } else {
        serve(ctx, built.result());
      }
    }));
  }

  private static Module wrap(Buffer script) {
    Buffer body = Buffer.buffer(PROLOGUE).appendBuffer(script).appendString(EPILOGUE);
    return new Module(body, FileETags.hash(body.getBytes()));
  }

  private static void serve(RoutingContext ctx, Module module) {
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", module.etag());
    if (FileETags.matches(ctx.request().getHeader("If-None-Match"), module.etag())) {
      ctx.response().setStatusCode(304).end();
    } else {
      ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").end(module.body());
    }
  }
}
