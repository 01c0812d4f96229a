package parley.platform;

import parley.config.AppConfig;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar parley.jar admin <command>}: what an operator of the platform does from a shell on the server,
 * where no sign-in is needed because the shell is already trusted. Exit codes: 0 done, 1 refused or failed, 2 misused.
 */
public final class AdminCli {

  static final String USAGE = """
    Usage: java -jar parley.jar admin <command>
      create-operator <name>   makes a platform operator and shows their password, once
      reset-password <name>    gives an operator a new password and shows it, once
      list-tenants             lists every organisation with its people and rooms
      promote <slug> <name>    makes that person a superadmin of the organisation with that slug
    """;
  private static final Map<String, Integer> ARGUMENTS =
    Map.of("create-operator", 1, "reset-password", 1, "list-tenants", 0, "promote", 2);
  private static final String TENANTS = """
    SELECT t.id, t.slug, t.name, t.delete_after,
           (SELECT count(*) FROM users u WHERE u.tenant_id = t.id AND u.deactivated_at IS NULL) AS people,
           (SELECT count(*) FROM rooms r WHERE r.tenant_id = t.id) AS rooms
      FROM tenants t ORDER BY t.id""";

  private AdminCli() {
  }

  public static int run(List<String> args, AppConfig config, PrintStream out, PrintStream err) {
    Integer arguments = args.isEmpty() ? null : ARGUMENTS.get(args.get(0));
    if (arguments == null || args.size() != arguments + 1) {
      err.print(USAGE);
      return 2;
    }
    String name = arguments == 1 ? args.get(1) : null;
    if (name != null && !name.matches(Operators.NAME_RULE)) {
      err.println("An operator's name is 3 to 32 of a-z, 0-9, _, . and -: " + name + " is not.");
      return 2;
    }
    try (CliDatabase database = CliDatabase.open(config);
         Connection connection = DriverManager.getConnection(database.url().jdbcUrl())) {
      Operators operators = new Operators(connection, config.bcryptCost());
      return switch (args.get(0)) {
        case "create-operator" -> createOperator(operators, name, out, err);
        case "reset-password" -> resetPassword(operators, name, out, err);
        case "promote" -> Promotion.run(connection, args.get(1), args.get(2), out, err);
        default -> listTenants(connection, out);
      };
    } catch (Exception e) {
      err.println("parley admin: " + e.getMessage());
      return 1;
    }
  }

  /** Something an operator's new password is given to: false when it cannot be (the refusal is then said). */
  private interface PasswordUse {
    boolean give(String password) throws SQLException;
  }

  private static int createOperator(Operators operators, String name, PrintStream out, PrintStream err) throws SQLException {
    return withNewPassword(password -> operators.create(name, password), out, err,
      "Made the platform operator " + name + ". Their password, shown only now:",
      "There is an operator named " + name + " already. To give them a new password: admin reset-password " + name);
  }

  private static int resetPassword(Operators operators, String name, PrintStream out, PrintStream err) throws SQLException {
    return withNewPassword(password -> operators.setPassword(name, password), out, err,
      "Gave the platform operator " + name + " a new password, shown only now:",
      "There is no operator named " + name + ". To make one: admin create-operator " + name);
  }

  /** A new password, shown once when {@code use} takes it: the only place it is ever seen. */
  private static int withNewPassword(PasswordUse use, PrintStream out, PrintStream err, String done, String refused)
    throws SQLException {
    String password = Operators.newPassword();
    if (!use.give(password)) {
      err.println(refused);
      return 1;
    }
    out.println(done);
    out.println(password);
    return 0;
  }

  private static int listTenants(Connection connection, PrintStream out) throws SQLException {
    out.printf("%-6s %-24s %-32s %8s %8s  %s%n", "id", "slug", "name", "people", "rooms", "state");
    try (PreparedStatement query = connection.prepareStatement(TENANTS); ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String deleteAfter = rows.getString("delete_after");
        out.printf("%-6d %-24s %-32s %8d %8d  %s%n", rows.getLong("id"), rows.getString("slug"), rows.getString("name"),
          rows.getLong("people"), rows.getLong("rooms"), deleteAfter == null ? "active" : "deleted after " + deleteAfter);
      }
    }
    return 0;
  }
}
