package parley.file;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The files table (see 008-files.sql). */
final class FileRepository {

  /** What the person's stored files take, and what the whole tenant's do. */
  private static final String USED = """
    SELECT coalesce(sum(size) FILTER (WHERE uploader_id = $2), 0) AS used, coalesce(sum(size), 0) AS tenant_used
    FROM files WHERE tenant_id = $1 AND stored""";

  private static final String BEGIN = """
    INSERT INTO files (tenant_id, uploader_id) VALUES ($1, $2) RETURNING id""";

  /** Stored only if it still fits the quota, counted in the same statement so two uploads cannot both squeeze in. */
  private static final String FINISH = """
    UPDATE files f SET name = $11, content_type = $4, size = $5, sha256 = $6, width = $7, height = $8,
                       thumbnail_type = $9, thumbnail_size = $12, stored = true
    WHERE f.id = $1 AND f.tenant_id = $2 AND f.uploader_id = $3 AND NOT f.stored
      AND (SELECT coalesce(sum(size), 0) FROM files WHERE tenant_id = $2 AND uploader_id = $3 AND stored) + $5 <= $10
      AND ($13::bigint IS NULL OR (SELECT coalesce(sum(size), 0) FROM files WHERE tenant_id = $2 AND stored) + $5 <= $13)
    RETURNING f.*""";

  private static final String ABANDON = """
    DELETE FROM files WHERE id = $1 AND tenant_id = $2 AND uploader_id = $3 AND NOT stored""";

  /** Readable by its uploader, and by the members of the room whose message carries it. */
  private static final String READABLE = """
    SELECT f.* FROM files f
    WHERE f.id = $1 AND f.tenant_id = $2 AND f.stored
      AND (f.uploader_id = $3 OR EXISTS (
        SELECT 1 FROM messages m JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = $3
        WHERE m.id = f.message_id))""";

  private static final String SWEEP = """
    DELETE FROM files WHERE id IN (
      SELECT id FROM files WHERE message_id IS NULL AND created_at < now() - make_interval(hours => $1) LIMIT $2)
    RETURNING id, thumbnail_type""";

  private static final String REMOVE_OF_TENANT = """
    DELETE FROM files WHERE id IN (SELECT id FROM files WHERE tenant_id = $1 LIMIT $2)
    RETURNING id, thumbnail_type""";

  /** A file whose row is gone: its bytes, and its thumbnail's, are to be deleted next. */
  record Removed(UUID id, boolean thumbnail) {

    /** Failures are left alone: a blob without its row is unreachable, and costs only space. */
    static Future<Void> deleteBlobs(BlobStore blobs, List<Removed> removed) {
      return Future.join(removed.stream().flatMap(file -> file.thumbnail()
          ? java.util.stream.Stream.of(StoredFile.blobKey(file.id()), StoredFile.thumbnailKey(file.id()))
          : java.util.stream.Stream.of(StoredFile.blobKey(file.id()))).map(blobs::delete).toList())
        .otherwiseEmpty().mapEmpty();
    }
  }

  private FileRepository() {
  }

  /** Bytes stored: by one person, and by their whole tenant. */
  record Used(long byPerson, long byTenant) {
  }

  static Future<Used> used(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(USED).execute(Tuple.of(tenantId, userId)).map(rows -> rows.iterator().next())
      .map(row -> new Used(row.getLong("used"), row.getLong("tenant_used")));
  }

  static Future<UUID> begin(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(BEGIN).execute(Tuple.of(tenantId, userId)).map(rows -> rows.iterator().next().getUUID("id"));
  }

  /**
   * The stored file, or null when it would pass the person's quota or the tenant's ({@code tenantQuota}, null for
   * none), or is not this caller's upload in progress.
   */
  static Future<StoredFile> finish(SqlClient sql, long tenantId, long userId, StoredFile file, long quota, Long tenantQuota) {
    return sql.preparedQuery(FINISH).execute(Tuple.from(new Object[] {file.id(), tenantId, userId, file.contentType(),
        file.size(), file.sha256(), file.width(), file.height(), file.thumbnailType(), quota, file.name(),
        file.thumbnailSize(), tenantQuota}))
      .map(rows -> rows.size() == 0 ? null : StoredFile.fromRow(rows.iterator().next()));
  }

  static Future<Void> abandon(SqlClient sql, long tenantId, long userId, UUID id) {
    return sql.preparedQuery(ABANDON).execute(Tuple.of(id, tenantId, userId)).mapEmpty();
  }

  static Future<StoredFile> readable(SqlClient sql, long tenantId, long userId, UUID id) {
    return sql.preparedQuery(READABLE).execute(Tuple.of(id, tenantId, userId))
      .map(rows -> rows.size() == 0 ? null : StoredFile.fromRow(rows.iterator().next()));
  }

  /** Deletes up to {@code limit} files unattached for {@code hours}, answering what their blobs were. */
  static Future<List<Removed>> sweep(SqlClient sql, int hours, int limit) {
    return sql.preparedQuery(SWEEP).execute(Tuple.of(hours, limit)).map(FileRepository::removed);
  }

  /** Up to {@code limit} files of the tenant, whoever uploaded them. */
  static Future<List<Removed>> removeOfTenant(SqlClient sql, long tenantId, int limit) {
    return sql.preparedQuery(REMOVE_OF_TENANT).execute(Tuple.of(tenantId, limit)).map(FileRepository::removed);
  }

  private static List<Removed> removed(RowSet<Row> rows) {
    List<Removed> removed = new ArrayList<>();
    for (Row row : rows) {
      removed.add(new Removed(row.getUUID("id"), row.getString("thumbnail_type") != null));
    }
    return removed;
  }
}
