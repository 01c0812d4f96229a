package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import parley.db.DatabaseUrl;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU seconds of the PostgreSQL backends serving the server's connections to one database, each read from /proc as
 * the server is ({@link ServerProbe}), so a run can say how the work splits between the server and its database on
 * the same cores. The backends are found once, when the probe is made: the server's pool keeps its connections, so
 * make it once the server has opened them (after the warm-up).
 */
final class DatabaseProbe {

  private final List<ServerProbe> backends;

  private DatabaseProbe(List<ServerProbe> backends) {
    this.backends = backends;
  }

  /** Blocking. {@code databaseUrl}: the server's database, or null for a probe that knows nothing. */
  static DatabaseProbe of(Vertx vertx, String databaseUrl) {
    if (databaseUrl == null) {
      return new DatabaseProbe(List.of());
    }
    SqlConnection sql = PgConnection.connect(vertx, DatabaseUrl.parse(databaseUrl).connectOptions()).await();
    try {
      List<ServerProbe> backends = new ArrayList<>();
      for (Row row : sql.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        .execute().await()) {
        backends.add(new ServerProbe(row.getLong("pid")));
      }
      return new DatabaseProbe(backends);
    } finally {
      sql.close().await();
    }
  }

  /** The backends' user plus system CPU seconds so far; NaN when there are none to read. */
  double cpuSeconds() {
    return backends.isEmpty() ? Double.NaN : backends.stream().mapToDouble(ServerProbe::cpuSeconds).sum();
  }

  int backends() {
    return backends.size();
  }
}
