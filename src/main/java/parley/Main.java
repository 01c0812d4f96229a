package parley;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import parley.announce.AnnouncementVerticle;
import parley.auth.AuthVerticle;
import parley.cluster.ClusteredVertx;
import parley.command.CommandVerticle;
import parley.config.AppConfig;
import parley.config.Secrets;
import parley.db.DatabaseUrl;
import parley.db.EmbeddedDatabase;
import parley.db.Migrations;
import parley.db.SearchIndex;
import parley.file.FileVerticle;
import parley.health.Startup;
import parley.http.HttpVerticle;
import parley.identity.ExternalTokens;
import parley.identity.ServiceCredentials;
import parley.identity.IdentityVerticle;
import parley.identity.SingleSignOn;
import parley.identity.SsoVerticle;
import parley.presence.PresenceVerticle;
import parley.push.PushDevicesVerticle;
import parley.push.PushQueueVerticle;
import parley.message.ChangeVerticle;
import parley.message.HistoryVerticle;
import parley.message.SearchVerticle;
import parley.message.MessageVerticle;
import parley.message.PollVerticle;
import parley.metrics.MetricsVerticle;
import parley.room.ConversationVerticle;
import parley.read.ReadVerticle;
import parley.room.MembershipVerticle;
import parley.room.RoomVerticle;
import parley.typing.TypingVerticle;
import parley.role.RoleVerticle;
import parley.session.SessionVerticle;
import parley.shutdown.GracefulShutdown;
import parley.user.UserVerticle;
import parley.invite.InviteVerticle;
import parley.log.LogFormat;
import parley.tenant.TenantVerticle;
import parley.platform.AdminCli;
import parley.platform.PlatformBootstrap;
import parley.platform.PlatformVerticle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Starts Parley: database, schema, then the service verticles, and the HTTP verticle last; SIGTERM stops them in reverse. */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private Main() {
  }

  /** {@code -cluster} (or CLUSTER=true) joins the other nodes; see docs/deploy.md. {@code admin …} is the command line ({@link AdminCli}). */
  public static void main(String[] args) {
    AppConfig config;
    Vertx vertx;
    try {
      config = AppConfig.load(System.getenv());
      // Before anything logs: Vert.x, Hazelcast and Liquibase log through java.util.logging too.
      LogFormat.named(config.logFormat()).install();
      if (args.length > 0 && args[0].equals("admin")) {
        System.exit(AdminCli.run(List.of(args).subList(1, args.length), config, System.out, System.err));
        return;
      }
      if (List.of(args).contains("-cluster")) {
        config = config.clustered();
      }
      vertx = config.cluster() ? ClusteredVertx.start(config).await() : Vertx.vertx(config.vertxOptions());
    } catch (IllegalArgumentException e) {
      LogFormat.printDirect(System.Logger.Level.ERROR, Main.class, "Parley cannot start: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      LogFormat.printDirect(System.Logger.Level.ERROR, Main.class, "Parley cannot join the cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    GracefulShutdown shutdown = new GracefulShutdown(vertx, config.shutdownDrain(), config.shutdownGrace());
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "parley-shutdown"));
    AppConfig settings = config;
    start(vertx, settings, shutdown)
      .onSuccess(port -> {
        LOG.log(System.Logger.Level.INFO, "Parley is listening on http://localhost:" + port
          + (vertx.isNativeTransportEnabled() ? " (epoll)" : ""));
        LOG.log(System.Logger.Level.INFO, adminArea(settings, port));
      })
      .onFailure(failure -> {
        LOG.log(System.Logger.Level.ERROR, "Parley cannot start: " + failure.getMessage());
        LOG.log(System.Logger.Level.DEBUG, "Start-up failure", failure);
        vertx.close().onComplete(closed -> System.exit(1));
      });
  }

  /**
   * Everything up to a listening server, for tests and embedding, which close Vert.x themselves; completes with the
   * HTTP port. An embedded PostgreSQL (no DATABASE_URL) is then left running: pass a shutdown and run it instead.
   */
  public static Future<Integer> start(Vertx vertx, AppConfig config) {
    return start(vertx, config, new GracefulShutdown(vertx, config.shutdownDrain(), config.shutdownGrace()));
  }

  /** Everything up to a listening server, each part told to {@code shutdown} as it starts; completes with the HTTP port. */
  public static Future<Integer> start(Vertx vertx, AppConfig config, GracefulShutdown shutdown) {
    Startup.of(vertx).starting();
    return vertx.executeBlocking(() -> {
        if (vertx.isClustered()) {
          ClusteredVertx.check(config);
        }
        String secret = Secrets.jwtSecret(config);
        ExternalTokens.check(config, secret);
        SingleSignOn.check(config);
        ServiceCredentials.check(config);
        DatabaseUrl database = config.databaseUrl().isBlank() ? embeddedDatabase(config, shutdown) : DatabaseUrl.parse(config.databaseUrl());
        Migrations.run(database);
        SearchIndex.ensure(database, config.searchLanguage());
        PlatformBootstrap.run(database, config);
        return config.toJson().put("JWT_SECRET", secret).put("DATABASE_URL", database.toUrl()).put("PORT", httpPort(config));
      })
      .map(resolved -> new Deployer(vertx, resolved, shutdown))
      .compose(deployer -> deployer.deploy(AuthVerticle::new)
        .compose(id -> deployer.deploy(SessionVerticle::new))
        .compose(id -> deployer.deploy(IdentityVerticle::new))
        .compose(id -> deployer.deploy(SsoVerticle::new))
        .compose(id -> deployer.deploy(RoomVerticle::new))
        .compose(id -> deployer.deploy(MembershipVerticle::new))
        .compose(id -> deployer.deploy(ConversationVerticle::new))
        .compose(id -> deployer.deploy(RoleVerticle::new))
        .compose(id -> deployer.deploy(UserVerticle::new))
        .compose(id -> deployer.deploy(InviteVerticle::new))
        .compose(id -> deployer.deploy(TenantVerticle::new))
        .compose(id -> deployer.deploy(PlatformVerticle::new))
        .compose(id -> deployer.deploy(CommandVerticle::new))
        .compose(id -> deployer.deploy(MessageVerticle::new))
        .compose(id -> deployer.deploy(HistoryVerticle::new, config.httpInstances()))
        .compose(id -> deployer.deploy(SearchVerticle::new))
        .compose(id -> deployer.deploy(ChangeVerticle::new))
        .compose(id -> deployer.deploy(PollVerticle::new))
        .compose(id -> deployer.deploy(TypingVerticle::new))
        .compose(id -> deployer.deploy(ReadVerticle::new))
        .compose(id -> deployer.deploy(FileVerticle::new))
        .compose(id -> deployer.deploy(PresenceVerticle::new))
        .compose(id -> deployer.deploy(AnnouncementVerticle::new))
        .compose(id -> deployer.deploy(PushDevicesVerticle::new))
        .compose(id -> deployer.deploy(PushQueueVerticle::new))
        .compose(id -> deployer.deploy(MetricsVerticle::new))
        .compose(id -> deployer.deployHttp(config.httpInstances())))
      .onSuccess(port -> Startup.of(vertx).finished());
  }

  /** Deploys with the resolved settings, and tells the shutdown each deployment in the order of the start. */
  private record Deployer(Vertx vertx, JsonObject config, GracefulShutdown shutdown) {

    Future<String> deploy(Supplier<? extends Deployable> verticle) {
      return deploy(verticle, 1);
    }

    Future<String> deploy(Supplier<? extends Deployable> verticle, int instances) {
      return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config).setInstances(instances))
        .onSuccess(shutdown::deployed);
    }

    /**
     * One HTTP instance per core (HTTP_INSTANCES): the bridge's fan-out and every socket's I/O then spread over the
     * event loops, instead of one loop carrying them all. The instances share one port.
     */
    Future<Integer> deployHttp(int instances) {
      List<HttpVerticle> deployed = new CopyOnWriteArrayList<>();
      return deploy(() -> {
        HttpVerticle http = new HttpVerticle();
        deployed.add(http);
        return http;
      }, instances).map(done -> deployed.get(0).port());
    }
  }

  /**
   * PORT 0 means any free port; several instances listening on port 0 would each take one of their own, so they
   * are given one picked here. Blocking.
   */
  private static int httpPort(AppConfig config) throws IOException {
    if (config.port() != 0 || config.httpInstances() == 1) {
      return config.port();
    }
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(config.host()))) {
      return probe.getLocalPort();
    }
  }

  /** The admin area has no address of its own: it is a dialog of the app, opened from the sidebar. */
  private static String adminArea(AppConfig config, int port) {
    String app = config.publicUrl().isBlank() ? "http://localhost:" + port : config.publicUrl();
    return "Admin area: sign in at " + app + " with an account allowed view_admin (the first account registered is the"
      + " superadmin) and open it with the shield button at the top of the sidebar";
  }

  /**
   * Stopped by the shutdown, after the pool has closed: PostgreSQL then has no session left to cut off. Its port
   * changes at every start, and an operator needs it for pg_dump (docs/operations.md), so it is printed.
   */
  private static DatabaseUrl embeddedDatabase(AppConfig config, GracefulShutdown shutdown) throws Exception {
    Path directory = Path.of(config.dataDir(), "postgres");
    EmbeddedDatabase embedded = EmbeddedDatabase.start(directory, true);
    shutdown.stopsLast(embedded);
    DatabaseUrl url = embedded.url("postgres");
    LOG.log(System.Logger.Level.INFO, "Embedded PostgreSQL (data in " + directory.toAbsolutePath().normalize()
      + ") is listening on localhost:" + url.port() + ", database " + url.database() + ", user " + url.user()
      + ", for connections from this machine only; back it up with: pg_dump -h localhost -p " + url.port() + " -U "
      + url.user() + " -Fc " + url.database());
    return url;
  }
}
