package parley.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import parley.bridge.Bridge;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.db.Pools;
import parley.file.BlobStore;
import parley.file.BlobStores;
import parley.file.FileDownloads;
import parley.file.FileUploads;
import parley.health.HealthRoutes;
import parley.identity.ExternalTokens;
import parley.identity.IdentityProvider;
import parley.identity.PerProvider;
import parley.identity.ServiceCredentials;
import parley.limit.RateLimiter;
import parley.metrics.MetricsEndpoint;
import parley.role.Permissions;
import parley.tenant.ExportDownload;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantHosts;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The one HTTP server: REST under /api, the event-bus bridge under /eventbus, and the web app. */
public class HttpVerticle extends VerticleBase {

  private static final int MAX_BODY = 64 * 1024;

  private HttpServer server;
  private Router router;
  private Pool pool;
  private Bridge bridge;
  private HealthRoutes health;
  private Duration shutdownGrace;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    shutdownGrace = config.shutdownGrace();
    PubSecKeyOptions secret = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret());
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(secret));
    JWTAuth jwtSignature = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(secret)
      .setJWTOptions(new JWTOptions().setIgnoreExpiration(true)));
    pool = Pools.shared(vertx, config);
    EffectiveSettings tenantSettings = new EffectiveSettings(vertx, pool, config);
    PerProvider<ExternalTokens> externalTokens = new PerProvider<>(provider -> ExternalTokens.create(vertx, config, provider));
    TokenAuth tokens = new TokenAuth(jwt, jwtSignature, config.jwtTtlHours(), config.trustProxy(), tenantSettings,
      new ExternalSignIn(externalTokens, config));
    OriginGuard origins = new OriginGuard(config.allowedOrigins(), config.trustProxy());
    PublicOrigin publicOrigin = new PublicOrigin(config.publicUrl(), config.trustProxy());
    AuthApi authApi = new AuthApi(tokens, config.trustProxy(), publicOrigin);
    SessionCheck sessions = new SessionCheck(vertx);

    BlobStore blobs = BlobStores.create(vertx, config, pool);
    FileDownloads downloads = new FileDownloads(blobs);
    Future<Buffer> openApi = OpenApiDocument.load(vertx);

    router = Router.router(vertx);
    router.route().handler(new AccessLog(config.accessLog(), config.trustProxy()));
    // Before everything that signs in or holds a body; static files are served whatever the host.
    TenantHosts tenantHosts = new TenantHosts(vertx, pool, config.tenantBaseDomain());
    HostTenant hostTenant = new HostTenant(tenantHosts);
    router.route("/api/*").handler(hostTenant);
    router.route("/eventbus*").handler(hostTenant);
    router.post(FileUploads.PATH).handler(FileUploads.holdBody());
    router.route().handler(new SecurityHeaders(config.trustProxy()));
    // Before everything that may answer: a preflight carries no token, and the bridge's own CORS must not run.
    router.route().handler(new WidgetCors(tenantHosts, tenantSettings));
    // Before authentication, rate limits and the Origin guard: a load balancer's probe carries none of what they ask.
    health = HealthRoutes.mount(router, vertx, config, pool);
    MetricsEndpoint.mountOnMainPort(router, vertx, config);
    // Public and the same for every caller, so before the body, token and Origin handlers.
    router.get(OpenApiDocument.PATH).handler(ctx -> OpenApiDocument.serve(ctx, openApi));

    // Vert.x orders handlers by kind within one route (body before user code before auth), so each gets its own.
    router.route("/eventbus*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.route("/eventbus*").handler(OperatorBridgeAuth.promote());
    router.route("/eventbus*").handler(tokens.promote(true));
    router.route("/eventbus*").handler(origins.bridge());
    router.route("/eventbus*").handler(tokens.required());
    router.route("/eventbus*").handler(OperatorBridgeAuth.admit(sessions));
    bridge = Bridge.create(vertx, pool, config.presenceTtlSeconds() * 1000L / 3, config.maxConnectionsPerUser(),
      (opening, token) -> tokens.renewal(opening, token).compose(user -> sessions.admit(opening, user).map(user)));
    router.route("/eventbus*").subRouter(bridge.router());

    BodyHandler apiBody = BodyHandler.create().setBodyLimit(MAX_BODY);
    // An upload streams its body itself (FileUploads); every other call is small JSON.
    router.route("/api/*").handler(ctx -> {
      if (FileUploads.isUpload(ctx.request())) {
        ctx.next();
      } else {
        apiBody.handle(ctx);
      }
    });
    RateLimit guessing = new RateLimit(
      RateLimiter.create(vertx, config, "auth", config.authRateLimitPerMinute(), 60_000), config.trustProxy());
    AuthApi.GUESSABLE.forEach(path -> router.route(path).handler(guessing));
    router.route(PlatformApi.LOGIN).handler(guessing);
    router.route("/api/*").handler(tokens.promote(false));
    router.route("/api/*").handler(origins.api());
    authApi.mountPublic(router);
    new SsoApi(authApi, publicOrigin, config, tenantSettings).mount(router);
    new IdpApi(ServiceCredentials.create(vertx, config), tenantSettings, externalTokens, config).mount(router);
    Permissions permissions = new Permissions(vertx, pool);
    ExportDownload exports = new ExportDownload(permissions, pool, blobs);
    new PlatformApi(jwt, config.jwtTtlHours(), config.trustProxy(), exports).mount(router);
    router.route("/api/*").handler(tokens.required());
    router.route("/api/*").handler(sessions);
    authApi.mountSignedIn(router);
    router.post(FileUploads.PATH).handler(new FileUploads(vertx, blobs));
    router.get("/api/files/:fileId").handler(downloads::file);
    router.get("/api/files/:fileId/thumbnail").handler(downloads::thumbnail);
    router.get(ExportDownload.PATH).handler(exports::handle);
    ApiRoutes.mount(router, permissions);
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.NOT_FOUND.exception()));

    StaticFiles.mount(vertx, router);
    router.route().failureHandler(new FailureHandler());

    // WebSocket compression is not offered: Vert.x inflates a whole frame before any size check (a 61 KB frame can
    // become 60 MB on the event loop), and deflating every delivery once per socket is fan-out's largest cost.
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true)
      .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)
      .setMaxFormFields(FileUploads.MAX_FIELDS + 1);
    // Listened to here, on this instance's own context: a server listened to from another context's callback (the
    // document's load, shared by the instances) would serve its requests on that context's event loop, racing this
    // instance's bridge state from two threads.
    return vertx.createHttpServer(options)
      .requestHandler(router)
      .listen(config.port(), config.host())
      .onSuccess(listening -> server = listening)
      .compose(listening -> openApi.map(loaded -> listening))
      .compose(listening -> installsKeys(externalTokens, config).map(loaded -> listening));
  }

  /** The install's provider's keys, fetched before the first request where it takes tokens; tenants' come when first needed. */
  private static Future<Void> installsKeys(PerProvider<ExternalTokens> tokens, AppConfig config) {
    IdentityProvider installs = IdentityProvider.ofInstall(config);
    return installs.takesTokens() ? tokens.of(installs).ready() : Future.succeededFuture();
  }

  /**
   * No new connection from the first moment; the requests in flight have the grace to finish (REST responses are
   * sent, bridge requests answered before their sockets close), and whatever is still open then is closed.
   */
  @Override
  public Future<?> stop() {
    long graceMillis = shutdownGrace.toMillis();
    Future<Void> serverClosed = server.shutdown(graceMillis, TimeUnit.MILLISECONDS);
    return bridge.drain(System.currentTimeMillis() + graceMillis)
      .compose(socketsClosing -> serverClosed)
      .eventually(() -> health.close())
      .eventually(() -> pool.close());
  }

  /** Every route under /api as mounted, {@code METHOD /path/:param}: what docs/openapi.yaml must describe. */
  Set<String> apiRoutes() {
    Set<String> routes = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path != null && path.startsWith("/api/") && route.methods() != null) {
        route.methods().forEach(method -> routes.add(method.name() + " " + path));
      }
    }
    return routes;
  }

  /** The port actually bound (tests ask for port 0). */
  public int port() {
    return server.actualPort();
  }
}
