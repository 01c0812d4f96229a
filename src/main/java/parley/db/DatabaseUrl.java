package parley.db;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the database is, read once from a Heroku/Render style URL ({@code postgres://user:pass@host:port/db})
 * and handed out in the two forms Parley needs: reactive connect options and a JDBC URL for Liquibase.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, SslMode sslMode) {

  public static DatabaseUrl parse(String url) {
    String normalized = url.startsWith("postgres://") ? "postgresql://" + url.substring("postgres://".length()) : url;
    if (!normalized.startsWith("postgresql://")) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
    }
    PgConnectOptions options = PgConnectOptions.fromUri(normalized);
    return new DatabaseUrl(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
      options.getPassword(), options.getSslMode());
  }

  public static DatabaseUrl local(int port, String database, String user) {
    return new DatabaseUrl("localhost", port, database, user, null, SslMode.DISABLE);
  }

  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password, sslMode);
  }

  private static final int MAX_CACHED_SQL = 16_384;

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host).setPort(port).setDatabase(database).setUser(user)
      .setSslMode(sslMode == null ? SslMode.DISABLE : sslMode)
      .setCachePreparedStatements(true)
      // The default leaves statements over 2,048 characters uncached, parsed and planned afresh on every execution,
      // and the longest ones here (storing a message, sync) run the most.
      .setPreparedStatementCacheSqlLimit(MAX_CACHED_SQL);
    if (password != null) {
      options.setPassword(password);
    }
    if (sslMode != null && sslMode != SslMode.DISABLE && sslMode != SslMode.ALLOW) {
      // Managed Postgres (Heroku, Render) presents certificates we cannot pin here; encryption is what sslmode asks for.
      options.getSslOptions().setTrustAll(true);
    }
    return options;
  }

  /** The URL form, as DATABASE_URL carries it. */
  public String toUrl() {
    String credentials = encode(user) + (password == null ? "" : ":" + encode(password));
    String ssl = sslMode == null || sslMode == SslMode.DISABLE ? "" : "?sslmode=" + sslMode.name().toLowerCase().replace('_', '-');
    return "postgresql://" + credentials + "@" + host + ":" + port + "/" + encode(database) + ssl;
  }

  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
      .append(encode(database)).append("?user=").append(encode(user));
    if (password != null) {
      url.append("&password=").append(encode(password));
    }
    if (sslMode != null && sslMode != SslMode.DISABLE) {
      url.append("&sslmode=").append(sslMode.name().toLowerCase().replace('_', '-'));
    }
    return url.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
