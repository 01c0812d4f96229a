package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import parley.log.LogFields;
import parley.log.Upgrades;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a short safe token, else a new one), echoed
 * in the response, and with ACCESS_LOG writes one line per request to the logger {@code parley.access} once it is
 * answered. A bridge WebSocket is logged once, when it is upgraded (status 101, told by the bridge through
 * {@link Upgrades}); its frames are not requests.
 * The query string is never written (it may carry {@code ?token=} or a reset code), nor are a path's invite and
 * reset codes, nor any header but the User-Agent.
 */
final class AccessLog implements Handler<RoutingContext> {

  static final String HEADER = "X-Request-Id";
  private static final String REQUEST_ID = "parley.requestId";
  private static final System.Logger LOG = System.getLogger("parley.access");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  /** Paths whose last part is a secret a link carries: a password reset code, an invite code. */
  private static final Pattern SECRET_IN_PATH = Pattern.compile("^(/api/auth/reset/|/api/auth/invite/|/api/invites/)[^/]+");
  private static final int MAX_PATH = 256;
  private static final int MAX_USER_AGENT = 256;

  private final boolean enabled;
  private final boolean trustProxy;

  AccessLog(boolean enabled, boolean trustProxy) {
    this.enabled = enabled;
    this.trustProxy = trustProxy;
  }

  /** The id of the request, for the lines logged about it. */
  static String requestId(RoutingContext ctx) {
    return ctx.get(REQUEST_ID);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newId();
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader(HEADER, id);
    if (enabled) {
      Line line = new Line(ctx, id, System.nanoTime());
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
        Upgrades.expect(ctx, () -> line.write(101));
      }
      ctx.addEndHandler(ended -> line.write(ctx.response().getStatusCode()));
    }
    ctx.next();
  }

  /** One request's line, written once: when it is answered, or when it is upgraded. */
  private final class Line {
    private final RoutingContext ctx;
    private final String id;
    private final long started;
    private boolean written;

    Line(RoutingContext ctx, String id, long started) {
      this.ctx = ctx;
      this.id = id;
      this.started = started;
    }

    void write(int status) {
      if (written) {
        return;
      }
      written = true;
      HttpServerRequest request = ctx.request();
      String userAgent = request.getHeader("User-Agent");
      LogFields.of("method", request.method().name())
        .and("path", loggablePath(request.path()))
        .and("status", status)
        .and("bytes", ctx.response().bytesWritten())
        .and("durationMs", (System.nanoTime() - started) / 1_000_000)
        .and("client", ClientIp.of(ctx, trustProxy))
        .and("userAgent", userAgent == null ? null : truncate(userAgent, MAX_USER_AGENT))
        .and("requestId", id)
        .log(LOG, System.Logger.Level.INFO, "HTTP request");
    }
  }

  static String loggablePath(String path) {
    if (path == null) {
      return "";
    }
    return truncate(SECRET_IN_PATH.matcher(path).replaceFirst("$1:code"), MAX_PATH);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /** Not a secret, only unique enough to find one request's lines: 16 hex digits (the top bit set keeps all 16). */
  private static String newId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
