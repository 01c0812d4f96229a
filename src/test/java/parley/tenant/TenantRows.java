package parley.tenant;

import parley.testing.TestServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database holds of a tenant, read from the catalog rather than from a list of tables, so that a new table
 * is covered the day it is made: a table's rows are a tenant's when their {@code tenant_id} is, or when a row they
 * refer to (by a foreign key) is.
 */
final class TenantRows {

  /** A single-column foreign key from {@code table.column} to a table with a {@code tenant_id}. */
  private record Reference(String table, String column, String parent, String parentColumn) {
  }

  /**
   * Tables whose rows the server's own workers go on changing after a request is answered, and what of a row is
   * compared instead of all of it: the push queue moves each item through its delivery attempts by itself.
   */
  private static final Map<String, String> WORKED_ON = Map.of("push_outbox", "r.id::text");

  private final TestServer server;
  private final List<String> tenantTables;
  private final List<Reference> references = new ArrayList<>();
  private Connection connection;

  TenantRows(TestServer server) {
    this.server = server;
    tenantTables = List.of(server.queryOne("SELECT string_agg(c.table_name, ',' ORDER BY c.table_name) FROM information_schema.columns c "
      + "JOIN information_schema.tables t USING (table_schema, table_name) "
      + "WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'").split(","));
    String keys = server.queryOne("""
      SELECT string_agg(child.relname || ' ' || a.attname || ' ' || parent.relname || ' ' || pa.attname, ',')
      FROM pg_constraint k
      JOIN pg_class child ON child.oid = k.conrelid
      JOIN pg_class parent ON parent.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = child.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
      WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND parent.relname <> 'tenants' AND NOT child.relispartition""");
    for (String key : keys.split(",")) {
      String[] parts = key.split(" ");
      if (tenantTables.contains(parts[2])) {
        references.add(new Reference(parts[0], parts[1], parts[2], parts[3]));
      }
    }
  }

  /** Which tenant a row of {@code table} (as {@code row}) belongs to, by each way it can tell. */
  private List<String> tenantsOf(String table, String row) {
    List<String> tenants = new ArrayList<>();
    if (tenantTables.contains(table)) {
      tenants.add(row + ".tenant_id");
    }
    for (Reference reference : references) {
      if (reference.table().equals(table)) {
        tenants.add("(SELECT p.tenant_id FROM " + reference.parent() + " p WHERE p." + reference.parentColumn() + " = " + row + "."
          + reference.column() + ")");
      }
    }
    return tenants;
  }

  private List<String> tables() {
    List<String> tables = new ArrayList<>(tenantTables);
    references.stream().map(Reference::table).distinct().filter(table -> !tables.contains(table)).forEach(tables::add);
    return tables;
  }

  /** A fingerprint of each table's rows of {@code tenant}, to compare before and after. */
  Map<String, String> of(long tenant) {
    List<String> selects = new ArrayList<>();
    for (String table : tables()) {
      String ofTenant = String.join(" OR ", tenantsOf(table, "r").stream().map(expression -> expression + " = " + tenant).toList());
      String row = WORKED_ON.getOrDefault(table, "r::text");
      selects.add("SELECT '" + table + "' AS name, count(*) || ' ' || md5(coalesce(string_agg(" + row + ", '|' ORDER BY " + row
        + "), '')) AS value FROM " + table + " r WHERE " + ofTenant);
    }
    return byName(String.join(" UNION ALL ", selects));
  }

  /** The rows of a query of {@code (name, value)}, read over one connection kept for the purpose: a test reads often. */
  private Map<String, String> byName(String sql) {
    Map<String, String> values = new TreeMap<>();
    try {
      if (connection == null) {
        connection = DriverManager.getConnection(server.database.jdbcUrl());
      }
      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          values.put(rows.getString(1), rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /**
   * Waits until what a tenant's people just did has landed (a session's last use is written after its request is
   * answered), so that a later difference is someone else's doing.
   */
  void awaitSettled(long tenant) {
    long deadline = System.currentTimeMillis() + 10_000;
    Map<String, String> last = of(tenant);
    while (true) {
      Map<String, String> now = of(tenant);
      if (now.equals(last)) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("tenant " + tenant + "'s rows never settled");
      }
      last = now;
    }
  }

  /** Every table with rows that belong to two tenants at once (a row of B's naming a room of A's), and how many. */
  Map<String, String> mixed() {
    List<String> selects = new ArrayList<>();
    for (String table : tables()) {
      List<String> tenants = tenantsOf(table, "r");
      if (tenants.size() < 2) {
        continue;
      }
      List<String> differing = new ArrayList<>();
      for (int i = 1; i < tenants.size(); i++) {
        differing.add(tenants.get(0) + " IS DISTINCT FROM " + tenants.get(i) + " AND " + tenants.get(i) + " IS NOT NULL AND "
          + tenants.get(0) + " IS NOT NULL");
      }
      selects.add("SELECT '" + table + "', count(*)::text FROM " + table + " r WHERE " + String.join(" OR ", differing));
    }
    Map<String, String> mixed = byName(String.join(" UNION ALL ", selects));
    mixed.values().removeIf("0"::equals);
    return mixed;
  }
}
