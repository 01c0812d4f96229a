package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.config.AppConfig;

/**
 * The VAPID key: VAPID_PRIVATE_KEY, or one generated on first start and kept in the database. Not in the data
 * directory: every node of a cluster must sign with the same key, and a Heroku-style dyno loses its disk on each
 * restart, which would silently break every browser's subscription.
 */
final class ServerKeys {

  private static final String KEEP = "INSERT INTO server_keys (name, value) VALUES ('vapid', $1) ON CONFLICT (name) DO NOTHING";
  private static final String READ = "SELECT value FROM server_keys WHERE name = 'vapid'";

  private ServerKeys() {
  }

  static Future<VapidKeys> vapid(Vertx vertx, SqlClient sql, AppConfig settings) {
    if (!settings.vapidPrivateKey().isBlank()) {
      return vertx.executeBlocking(() -> VapidKeys.fromPrivateKey(settings.vapidPrivateKey().trim()), false);
    }
    return sql.preparedQuery(READ).execute().compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows)
        // Of several nodes starting at once on a new database, the first insert wins and all read the same key.
        : vertx.executeBlocking(() -> VapidKeys.generate().privateKeyBase64Url(), false)
          .compose(fresh -> sql.preparedQuery(KEEP).execute(Tuple.of(fresh)))
          .compose(kept -> sql.preparedQuery(READ).execute()))
      .compose(rows -> vertx.executeBlocking(() -> VapidKeys.fromPrivateKey(rows.iterator().next().getString("value")), false));
  }

  /** Who runs this server, for push services to contact: VAPID_SUBJECT, else PUBLIC_URL when it is https. */
  static String subject(AppConfig settings) {
    if (!settings.vapidSubject().isBlank()) {
      return settings.vapidSubject().trim();
    }
    String publicUrl = settings.publicUrl().trim();
    return publicUrl.startsWith("https://") ? AppConfig.originOf(publicUrl) : "mailto:admin@localhost";
  }
}
