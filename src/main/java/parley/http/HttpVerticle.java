package parley.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import parley.bridge.Bridge;
import parley.bus.ApiError;
import parley.config.AppConfig;

/** The one HTTP server: REST under /api, the event-bus bridge under /eventbus, and the web app. */
public class HttpVerticle extends VerticleBase {

  private static final int MAX_BODY = 64 * 1024;

  private HttpServer server;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret())));
    TokenAuth tokens = new TokenAuth(jwt, config.jwtTtlHours(), config.trustProxy());
    OriginGuard origins = new OriginGuard(config.allowedOrigins());
    AuthApi authApi = new AuthApi(tokens);

    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());

    // Vert.x orders handlers by kind within one route (body before user code before auth), so each gets its own.
    router.route("/eventbus*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.route("/eventbus*").handler(origins.bridge());
    router.route("/eventbus*").handler(tokens.promote(true));
    router.route("/eventbus*").handler(tokens.required());
    router.route("/eventbus*").subRouter(Bridge.router(vertx));

    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.route("/api/auth/*").handler(new RateLimit(config.authRateLimitPerMinute(), config.trustProxy()));
    router.route("/api/*").handler(tokens.promote(false));
    router.route("/api/*").handler(origins.api());
    authApi.mountPublic(router);
    router.route("/api/*").handler(tokens.required());
    ApiRoutes.mount(router);
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.NOT_FOUND.exception()));

    StaticFiles.mount(vertx, router);
    router.route().failureHandler(new FailureHandler());

    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
      .requestHandler(router)
      .listen(config.port(), config.host())
      .onSuccess(listening -> server = listening);
  }

  /** The port actually bound (tests ask for port 0). */
  public int port() {
    return server.actualPort();
  }
}
