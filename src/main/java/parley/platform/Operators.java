package parley.platform;

import parley.auth.Passwords;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The platform's operators, as the command line and a server's start see them: blocking JDBC on a thread that may
 * wait, passwords hashed with the same bcrypt as everyone's.
 */
final class Operators {

  static final String NAME_RULE = "^[a-z0-9_.-]{3,32}$";
  static final int MIN_PASSWORD = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Connection connection;
  private final int bcryptCost;

  Operators(Connection connection, int bcryptCost) {
    this.connection = connection;
    this.bcryptCost = bcryptCost;
  }

  /** 24 characters of a URL-safe alphabet: 144 random bits. */
  static String newPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** False when an operator of that name exists already. */
  boolean create(String username, String password) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
      "INSERT INTO platform_operators (username, password_hash) VALUES (?, ?) ON CONFLICT (username) DO NOTHING")) {
      insert.setString(1, username);
      insert.setString(2, Passwords.hashHere(password, bcryptCost));
      return insert.executeUpdate() == 1;
    }
  }

  /** False when there is no operator of that name. */
  boolean setPassword(String username, String password) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
      "UPDATE platform_operators SET password_hash = ?, password_changed_at = now() WHERE username = ?")) {
      update.setString(1, Passwords.hashHere(password, bcryptCost));
      update.setString(2, username);
      return update.executeUpdate() == 1;
    }
  }

  boolean any() throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM platform_operators)");
         ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }
}
