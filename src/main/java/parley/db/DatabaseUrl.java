package parley.db;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the database is, read once from a Heroku/Render style URL ({@code postgres://user:pass@host:port/db}, with
 * {@code sslmode} and {@code sslrootcert} as libpq takes them) and handed out in the two forms Parley needs: reactive
 * connect options and a JDBC URL for Liquibase. Both check the server's certificate alike: see {@link DatabaseTls}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, SslMode sslMode,
                          String sslRootCert) {

  private static final String SSL_ROOT_CERT = "sslrootcert";

  public DatabaseUrl {
    sslMode = sslMode == null ? SslMode.DISABLE : sslMode;
  }

  public static DatabaseUrl parse(String url) {
    String normalized = url.startsWith("postgres://") ? "postgresql://" + url.substring("postgres://".length()) : url;
    if (!normalized.startsWith("postgresql://")) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
    }
    PgConnectOptions options = PgConnectOptions.fromUri(normalized);
    String rootCert = parameter(normalized, SSL_ROOT_CERT);
    // libpq: "if a root CA file exists, the behavior of sslmode=require will be the same as that of verify-ca".
    SslMode mode = options.getSslMode() == SslMode.REQUIRE && rootCert != null ? SslMode.VERIFY_CA : options.getSslMode();
    return new DatabaseUrl(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
      options.getPassword(), mode, rootCert);
  }

  /** The pg client's parser drops the parameters it does not know, sslrootcert among them. */
  private static String parameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.startsWith(name + "=") && pair.length() > name.length() + 1) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  public static DatabaseUrl local(int port, String database, String user) {
    return new DatabaseUrl("localhost", port, database, user, null, SslMode.DISABLE, null);
  }

  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password, sslMode, sslRootCert);
  }

  private static final int MAX_CACHED_SQL = 16_384;

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host).setPort(port).setDatabase(database).setUser(user)
      .setSslMode(sslMode)
      .setCachePreparedStatements(true)
      // The default leaves statements over 2,048 characters uncached, parsed and planned afresh on every execution,
      // and the longest ones here (storing a message, sync) run the most.
      .setPreparedStatementCacheSqlLimit(MAX_CACHED_SQL);
    if (password != null) {
      options.setPassword(password);
    }
    if (sslMode != SslMode.DISABLE) {
      options.setSslOptions(DatabaseTls.sslOptions(sslMode, sslRootCert));
    }
    return options;
  }

  /** The URL form, as DATABASE_URL carries it. */
  public String toUrl() {
    String credentials = encode(user) + (password == null ? "" : ":" + encode(password));
    List<String> parameters = new ArrayList<>();
    if (sslMode != SslMode.DISABLE) {
      parameters.add("sslmode=" + DatabaseTls.name(sslMode));
    }
    if (sslRootCert != null) {
      parameters.add(SSL_ROOT_CERT + "=" + encode(sslRootCert));
    }
    return "postgresql://" + credentials + "@" + host + ":" + port + "/" + encode(database)
      + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
  }

  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
      .append(encode(database)).append("?user=").append(encode(user));
    if (password != null) {
      url.append("&password=").append(encode(password));
    }
    return url.append(DatabaseTls.jdbcParameters(sslMode, sslRootCert)).toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
