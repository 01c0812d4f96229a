package parley.role;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Roles of a tenant in PostgreSQL. */
final class RoleRepository {

  private static final String LIST = "SELECT " + Role.COLUMNS + " FROM roles r WHERE r.tenant_id = $1 ORDER BY r.rank DESC, lower(r.name)";
  private static final String FIND = "SELECT " + Role.COLUMNS + " FROM roles r WHERE r.tenant_id = $1 AND r.id = $2";
  private static final String INSERT = """
    WITH r AS (INSERT INTO roles (tenant_id, name, rank, permissions) VALUES ($1, $2, $3, $4) RETURNING *)
    SELECT %s FROM r""".formatted(Role.COLUMNS);
  private static final String UPDATE = """
    WITH r AS (UPDATE roles SET name = $3, rank = $4, permissions = $5 WHERE tenant_id = $1 AND id = $2 RETURNING *)
    SELECT %s FROM r""".formatted(Role.COLUMNS);
  private static final String MOVE_TO_MEMBER = """
    UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = $1 AND system AND name = 'member')
    WHERE tenant_id = $1 AND role_id = $2 RETURNING id""";
  private static final String DELETE = "DELETE FROM roles WHERE tenant_id = $1 AND id = $2 AND NOT system";

  private RoleRepository() {
  }

  static Future<List<Role>> list(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId)).map(rows -> {
      List<Role> roles = new ArrayList<>();
      rows.forEach(row -> roles.add(Role.fromRow(row)));
      return roles;
    });
  }

  static Future<Role> find(SqlClient sql, long tenantId, long roleId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(tenantId, roleId))
      .map(rows -> rows.size() == 0 ? null : Role.fromRow(rows.iterator().next()));
  }

  static Future<Role> insert(SqlClient sql, long tenantId, String name, int rank, Set<Permission> permissions) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(tenantId, name, rank, names(permissions)))
      .map(rows -> Role.fromRow(rows.iterator().next()));
  }

  static Future<Role> update(SqlClient sql, long tenantId, long roleId, String name, int rank, Set<Permission> permissions) {
    return sql.preparedQuery(UPDATE).execute(Tuple.of(tenantId, roleId, name, rank, names(permissions)))
      .map(rows -> Role.fromRow(rows.iterator().next()));
  }

  /** Deletes a custom role; its users become members. Answers their ids. Run it in a transaction. */
  static Future<List<Long>> delete(SqlClient sql, long tenantId, long roleId) {
    List<Long> moved = new ArrayList<>();
    return sql.preparedQuery(MOVE_TO_MEMBER).execute(Tuple.of(tenantId, roleId))
      .compose(rows -> {
        rows.forEach(row -> moved.add(row.getLong("id")));
        return sql.preparedQuery(DELETE).execute(Tuple.of(tenantId, roleId));
      })
      .map(deleted -> moved);
  }

  private static String[] names(Set<Permission> permissions) {
    return permissions.stream().map(Permission::apiName).sorted().toArray(String[]::new);
  }
}
