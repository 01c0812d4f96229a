package parley.file;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** Every file of a tenant that is going away, rows and bytes, a batch at a time. */
public final class TenantFiles {

  private static final int BATCH = 500;

  private TenantFiles() {
  }

  /** Rows first, then their blobs, as the unattached-file sweep does; answers how many files went. */
  public static Future<Integer> removeAll(SqlClient sql, BlobStore blobs, long tenantId) {
    return removeFrom(sql, blobs, tenantId, 0);
  }

  private static Future<Integer> removeFrom(SqlClient sql, BlobStore blobs, long tenantId, int removedSoFar) {
    return FileRepository.removeOfTenant(sql, tenantId, BATCH).compose(removed -> removed.isEmpty()
      ? Future.succeededFuture(removedSoFar)
      : FileRepository.Removed.deleteBlobs(blobs, removed)
        .compose(deleted -> removeFrom(sql, blobs, tenantId, removedSoFar + removed.size())));
  }
}
