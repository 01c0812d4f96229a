package parley.platform;

import parley.config.AppConfig;
import parley.db.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A first start with PLATFORM_ADMIN_PASSWORD makes the first platform operator, named {@code admin}. The setting is
 * read only while there is no operator, so leaving it set changes nothing later, and never resets a password.
 */
public final class PlatformBootstrap {

  static final String FIRST_OPERATOR = "admin";
  private static final System.Logger LOG = System.getLogger(PlatformBootstrap.class.getName());

  private PlatformBootstrap() {
  }

  /** Blocking: on the start's worker thread, after the migrations. */
  public static void run(DatabaseUrl database, AppConfig config) throws Exception {
    String password = config.platformAdminPassword();
    if (password.isEmpty()) {
      return;
    }
    if (password.length() < Operators.MIN_PASSWORD) {
      throw new IllegalArgumentException("PLATFORM_ADMIN_PASSWORD must have at least " + Operators.MIN_PASSWORD + " characters");
    }
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
      Operators operators = new Operators(connection, config.bcryptCost());
      if (!operators.any() && operators.create(FIRST_OPERATOR, password)) {
        LOG.log(System.Logger.Level.INFO, "Made the platform operator " + FIRST_OPERATOR + " from PLATFORM_ADMIN_PASSWORD; "
          + "unset the setting now: it is not read again");
      }
    }
  }
}
