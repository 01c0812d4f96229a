package parley.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import parley.config.AppConfig;

/** One shared connection pool per process: every verticle asks for it by name and gets the same connections. */
public final class Pools {

  private Pools() {
  }

  public static Pool shared(Vertx vertx, AppConfig config) {
    return PgBuilder.pool()
      .with(new PoolOptions().setShared(true).setName("parley").setMaxSize(config.databasePoolSize()))
      .connectingTo(DatabaseUrl.parse(config.databaseUrl()).connectOptions())
      .using(vertx)
      .build();
  }
}
