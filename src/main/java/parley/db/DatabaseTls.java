package parley.db;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.SslMode;

import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * What {@code sslmode} and {@code sslrootcert} ask of the connection, as libpq reads them, for both of Parley's
 * clients: the reactive pool's SSL options and the JDBC URL Liquibase connects with.
 * {@code verify-ca} checks that a trusted CA signed the server's certificate (the PEM file {@code sslrootcert},
 * else the JVM's default trust store); {@code verify-full} checks the host name too; {@code allow}, {@code prefer}
 * and {@code require} encrypt without checking the certificate.
 */
final class DatabaseTls {

  /** Takes the JVM's default SSL context, trust store included (javax.net.ssl.trustStore when set). */
  private static final String JDBC_DEFAULT_TRUST = "org.postgresql.ssl.DefaultJavaSSLFactory";

  private DatabaseTls() {
  }

  static ClientSSLOptions sslOptions(SslMode mode, String rootCert) {
    if (!verifies(mode)) {
      return new ClientSSLOptions().setTrustAll(true);
    }
    return new ClientSSLOptions()
      .setTrustOptions(rootCert != null ? new PemTrustOptions().addCertPath(rootCert) : JvmTrust.OPTIONS)
      // The pg client checks the name only when told how; an empty algorithm checks none.
      .setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
  }

  /** The parameters after the JDBC URL's database name ({@code &sslmode=…}), empty without TLS. */
  static String jdbcParameters(SslMode mode, String rootCert) {
    if (mode == SslMode.DISABLE) {
      return "";
    }
    StringBuilder parameters = new StringBuilder("&sslmode=").append(name(mode));
    if (rootCert != null) {
      parameters.append("&sslrootcert=").append(DatabaseUrl.encode(rootCert));
    } else if (verifies(mode)) {
      // Without sslrootcert pgjdbc would look for ~/.postgresql/root.crt; the pool trusts the JVM's store instead.
      parameters.append("&sslfactory=").append(JDBC_DEFAULT_TRUST);
    }
    return parameters.toString();
  }

  /** For messages: " (sslmode=verify-full)", or nothing without TLS. */
  static String describe(SslMode mode) {
    return mode == SslMode.DISABLE ? "" : " (sslmode=" + name(mode) + ")";
  }

  /** For messages: whose signature a verified certificate needs. */
  static String trusted(String rootCert) {
    return rootCert != null ? "a CA in " + rootCert : "a CA in the JVM's trust store";
  }

  static String name(SslMode mode) {
    return mode.name().toLowerCase().replace('_', '-');
  }

  private static boolean verifies(SslMode mode) {
    return mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
  }

  /** Read once, when first needed: every verticle builds connect options, and the store holds some 140 CAs. */
  private static final class JvmTrust {

    static final TrustOptions OPTIONS = load();

    private static TrustOptions load() {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return TrustOptions.wrap(factory);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("The JVM's default trust store cannot be read: " + e.getMessage(), e);
      }
    }
  }
}
