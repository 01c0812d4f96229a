package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.tenant.TenantHosts.TenantHost;

/** The few things every REST route does: read JSON, ask a service, answer JSON. */
public final class Http {

  private static final String CALLER = "parley.caller";
  private static final String SESSION = "parley.session";
  private static final String TENANT = "parley.tenant";
  private static final String JSON = "application/json; charset=utf-8";

  private Http() {
  }

  public static JsonObject body(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return new JsonObject();
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(buffer);
      if (parsed instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      // one answer for every kind of bad JSON, below
    }
    throw ApiError.INVALID_JSON.exception();
  }

  /** Set by {@link HostTenant}, on every request under /api and /eventbus. */
  static void atTenant(RoutingContext ctx, TenantHost tenant) {
    ctx.put(TENANT, tenant);
  }

  /** The tenant the request's host belongs to: every sign-in is into it, and every token must be of it. */
  public static TenantHost tenantHostOf(RoutingContext ctx) {
    TenantHost tenant = ctx.get(TENANT);
    if (tenant == null) {
      throw new IllegalStateException("No tenant was resolved for " + ctx.request().path());
    }
    return tenant;
  }

  /** The tenant {@link HostTenant} put on the request, or null where it does not run (static files). */
  static TenantHost resolvedTenantHost(RoutingContext ctx) {
    return ctx.get(TENANT);
  }

  public static long tenantOf(RoutingContext ctx) {
    return tenantHostOf(ctx).id();
  }

  /** Set by {@link SessionCheck} once the token's claims are checked. */
  static void signedIn(RoutingContext ctx, Caller caller, String sessionId) {
    ctx.put(CALLER, caller);
    ctx.put(SESSION, sessionId);
  }

  /**
   * The token in the request's {@code Authorization: Bearer} header, or null. A session's cookie or {@code ?token=} is
   * there too once {@code TokenAuth.promote} has run.
   */
  public static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
  }

  /** The signed-in caller. */
  public static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    if (caller == null) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
    return caller;
  }

  /** The signed-in caller's session (the token's {@code jti}). */
  static String session(RoutingContext ctx) {
    return ctx.get(SESSION);
  }

  /** Asks a service as the signed-in caller, in their session. */
  public static Future<JsonObject> ask(RoutingContext ctx, String address, JsonObject body) {
    return ask(ctx, address, body, callerOptions(ctx));
  }

  private static DeliveryOptions callerOptions(RoutingContext ctx) {
    return caller(ctx).deliveryOptions().addHeader(Caller.SESSION_HEADER, session(ctx));
  }

  public static Future<JsonObject> ask(RoutingContext ctx, String address, JsonObject body, DeliveryOptions options) {
    return ctx.vertx().eventBus().<JsonObject>request(address, body, withRequestId(ctx, options)).map(reply -> reply.body());
  }

  /**
   * Like {@link #ask}, for a service that may answer with the JSON already encoded (a {@link Buffer}, as
   * {@code svc.message.historyPage} does) instead of a JSON object; {@link #answer} sends either.
   */
  static Future<Object> askEncoded(RoutingContext ctx, String address, JsonObject body) {
    return ctx.vertx().eventBus().request(address, body, withRequestId(ctx, callerOptions(ctx))).map(reply -> reply.body());
  }

  /** The service's log lines then name the request. */
  private static DeliveryOptions withRequestId(RoutingContext ctx, DeliveryOptions options) {
    String requestId = AccessLog.requestId(ctx);
    return requestId == null ? options : options.addHeader(Caller.REQUEST_HEADER, requestId);
  }

  /**
   * Hands {@code asked} to {@code then} once it completes: at once when it already has, else with the request paused
   * meanwhile, as Vert.x's own asynchronous auth handlers do, since a WebSocket upgrade cannot be taken over once its
   * request has been read to the end.
   */
  static <T> void whenAnswered(RoutingContext ctx, Future<T> asked, Handler<Future<T>> then) {
    if (asked.isComplete()) {
      then.handle(asked);
      return;
    }
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    asked.onComplete(done -> {
      if (paused && !ctx.request().isEnded()) {
        ctx.request().resume();
      }
      then.handle(asked);
    });
  }

  /** Sends the service's answer (a JSON object, or its JSON encoded), or hands its failure to {@link FailureHandler}. */
  public static void answer(RoutingContext ctx, int status, Future<?> result) {
    result.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else if (done.result() instanceof Buffer encoded) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(encoded);
      } else {
        json(ctx, status, (JsonObject) done.result());
      }
    });
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }

  public static void error(RoutingContext ctx, ApiError error) {
    json(ctx, error.status, new JsonObject().put("error", error.slug).put("message", error.sentence));
  }
}
