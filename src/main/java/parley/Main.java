package parley;

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
import parley.file.FileVerticle;
import parley.http.HttpVerticle;
import parley.presence.PresenceVerticle;
import parley.push.PushDevicesVerticle;
import parley.push.PushQueueVerticle;
import parley.message.ChangeVerticle;
import parley.message.HistoryVerticle;
import parley.message.MessageVerticle;
import parley.message.PollVerticle;
import parley.room.ConversationVerticle;
import parley.read.ReadVerticle;
import parley.room.MembershipVerticle;
import parley.room.RoomVerticle;
import parley.typing.TypingVerticle;
import parley.role.RoleVerticle;
import parley.session.SessionVerticle;
import parley.user.UserVerticle;
import parley.invite.InviteVerticle;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Starts Parley: database, schema, then the service verticles, and the HTTP verticle last. */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private Main() {
  }

  /** {@code -cluster} (or CLUSTER=true) joins the other nodes; see docs/deploy.md. */
  public static void main(String[] args) {
    AppConfig config;
    Vertx vertx;
    try {
      config = AppConfig.load(System.getenv());
      if (java.util.List.of(args).contains("-cluster")) {
        config = config.clustered();
      }
      vertx = config.cluster() ? ClusteredVertx.start(config).await() : Vertx.vertx(config.vertxOptions());
    } catch (IllegalArgumentException e) {
      System.err.println("Parley cannot start: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      System.err.println("Parley cannot join the cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    // Undeploy cleanly on SIGTERM (how Heroku and Render stop a dyno), so open requests finish and pools close.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await(), "parley-shutdown"));
    start(vertx, config)
      .onSuccess(port -> LOG.log(System.Logger.Level.INFO, "Parley is listening on http://localhost:" + port
        + (vertx.isNativeTransportEnabled() ? " (epoll)" : "")))
      .onFailure(failure -> {
        System.err.println("Parley cannot start: " + failure.getMessage());
        LOG.log(System.Logger.Level.DEBUG, "Start-up failure", failure);
        vertx.close().onComplete(closed -> System.exit(1));
      });
  }

  /** Everything up to a listening server; completes with the HTTP port. */
  public static Future<Integer> start(Vertx vertx, AppConfig config) {
    return vertx.executeBlocking(() -> {
        if (vertx.isClustered()) {
          ClusteredVertx.check(config);
        }
        String secret = Secrets.jwtSecret(config);
        DatabaseUrl database = config.databaseUrl().isBlank() ? embeddedDatabase(config) : DatabaseUrl.parse(config.databaseUrl());
        Migrations.run(database);
        return config.toJson().put("JWT_SECRET", secret).put("DATABASE_URL", database.toUrl()).put("PORT", httpPort(config));
      })
      .compose(resolved -> deploy(vertx, resolved, AuthVerticle::new)
        .compose(id -> deploy(vertx, resolved, SessionVerticle::new))
        .compose(id -> deploy(vertx, resolved, RoomVerticle::new))
        .compose(id -> deploy(vertx, resolved, MembershipVerticle::new))
        .compose(id -> deploy(vertx, resolved, ConversationVerticle::new))
        .compose(id -> deploy(vertx, resolved, RoleVerticle::new))
        .compose(id -> deploy(vertx, resolved, UserVerticle::new))
        .compose(id -> deploy(vertx, resolved, InviteVerticle::new))
        .compose(id -> deploy(vertx, resolved, CommandVerticle::new))
        .compose(id -> deploy(vertx, resolved, MessageVerticle::new))
        .compose(id -> deploy(vertx, resolved, HistoryVerticle::new, config.httpInstances()))
        .compose(id -> deploy(vertx, resolved, ChangeVerticle::new))
        .compose(id -> deploy(vertx, resolved, PollVerticle::new))
        .compose(id -> deploy(vertx, resolved, TypingVerticle::new))
        .compose(id -> deploy(vertx, resolved, ReadVerticle::new))
        .compose(id -> deploy(vertx, resolved, FileVerticle::new))
        .compose(id -> deploy(vertx, resolved, PresenceVerticle::new))
        .compose(id -> deploy(vertx, resolved, AnnouncementVerticle::new))
        .compose(id -> deploy(vertx, resolved, PushDevicesVerticle::new))
        .compose(id -> deploy(vertx, resolved, PushQueueVerticle::new))
        .compose(id -> deployHttp(vertx, resolved, config.httpInstances())));
  }

  /**
   * One HTTP instance per core (HTTP_INSTANCES): the bridge's fan-out and every socket's I/O then spread over the
   * event loops, instead of one loop carrying them all. The instances share one port.
   */
  private static Future<Integer> deployHttp(Vertx vertx, JsonObject config, int instances) {
    java.util.List<HttpVerticle> deployed = new java.util.concurrent.CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
        HttpVerticle http = new HttpVerticle();
        deployed.add(http);
        return http;
      }, new DeploymentOptions().setConfig(config).setInstances(instances))
      .map(done -> deployed.get(0).port());
  }

  /**
   * PORT 0 means any free port; several instances listening on port 0 would each take one of their own, so they
   * are given one picked here. Blocking.
   */
  private static int httpPort(AppConfig config) throws java.io.IOException {
    if (config.port() != 0 || config.httpInstances() == 1) {
      return config.port();
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(config.host()))) {
      return probe.getLocalPort();
    }
  }

  private static DatabaseUrl embeddedDatabase(AppConfig config) throws Exception {
    EmbeddedDatabase embedded = EmbeddedDatabase.start(Path.of(config.dataDir(), "postgres"), true);
    return embedded.url("postgres");
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config, Supplier<? extends io.vertx.core.Deployable> verticle) {
    return deploy(vertx, config, verticle, 1);
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config, Supplier<? extends io.vertx.core.Deployable> verticle,
                                       int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config).setInstances(instances));
  }
}
