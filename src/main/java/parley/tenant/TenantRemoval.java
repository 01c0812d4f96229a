package parley.tenant;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.file.BlobStore;
import parley.file.TenantFiles;

import java.util.Iterator;
import java.util.List;

/**
 * Deletes a tenant whose time has come ({@code tenants.delete_after}): its files (rows, then bytes, in batches), then
 * every other row of it in one transaction, the tenant's own row last. The default tenant, where a single-organisation
 * install lives, is never deleted. TenantRemovalTest checks that nothing of a deleted tenant is left in any table.
 */
final class TenantRemoval {

  static final long DEFAULT_TENANT = 1;

  /** The next tenant due, claimed for an hour so that no other node takes it meanwhile. */
  private static final String CLAIM = """
    UPDATE tenants SET delete_after = now() + interval '1 hour' WHERE id = (
      SELECT id FROM tenants WHERE delete_after <= now() AND id <> $1 ORDER BY delete_after LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id""";

  /**
   * In an order the foreign keys allow: what points at people, rooms and messages first (some of it also goes by
   * cascade: votes, recipients, memberships, mutes, push settings), then people, invites and roles, then the tenant.
   */
  private static final List<String> ROWS = List.of(
    "DELETE FROM push_outbox WHERE tenant_id = $1",
    "DELETE FROM push_subscriptions WHERE tenant_id = $1",
    "DELETE FROM sessions WHERE tenant_id = $1",
    "DELETE FROM external_tokens WHERE tenant_id = $1",
    "DELETE FROM sso_logins WHERE tenant_id = $1",
    "DELETE FROM password_resets WHERE tenant_id = $1",
    "DELETE FROM chosen_presence WHERE tenant_id = $1",
    "DELETE FROM tenant_exports WHERE tenant_id = $1",
    "DELETE FROM announcements WHERE tenant_id = $1",
    "DELETE FROM messages WHERE tenant_id = $1",
    "DELETE FROM room_members WHERE tenant_id = $1",
    "DELETE FROM rooms WHERE tenant_id = $1",
    "DELETE FROM users WHERE tenant_id = $1",
    "DELETE FROM invites WHERE tenant_id = $1",
    "DELETE FROM roles WHERE tenant_id = $1",
    "DELETE FROM tenants WHERE id = $1");

  private final Pool pool;
  private final BlobStore blobs;

  TenantRemoval(Pool pool, BlobStore blobs) {
    this.pool = pool;
    this.blobs = blobs;
  }

  /** Deletes every tenant that is due, one after another; answers how many went. */
  Future<Integer> removeDue() {
    return removeDue(0);
  }

  private Future<Integer> removeDue(int removedSoFar) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(DEFAULT_TENANT)).compose(claimed -> claimed.size() == 0
      ? Future.succeededFuture(removedSoFar)
      : remove(claimed.iterator().next().getLong("id")).compose(removed -> removeDue(removedSoFar + 1)));
  }

  private Future<Void> remove(long tenantId) {
    return TenantFiles.removeAll(pool, blobs, tenantId)
      .compose(files -> pool.withTransaction(sql -> delete(sql, tenantId, ROWS.iterator())));
  }

  private static Future<Void> delete(SqlClient sql, long tenantId, Iterator<String> statements) {
    return statements.hasNext()
      ? sql.preparedQuery(statements.next()).execute(Tuple.of(tenantId)).compose(done -> delete(sql, tenantId, statements))
      : Future.succeededFuture();
  }
}
