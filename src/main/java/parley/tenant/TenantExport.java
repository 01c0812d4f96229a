package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import parley.file.BlobStore;
import parley.file.StoredFile;

import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;

/**
 * Writes one tenant's archive ({@link ExportSections}) as JSON lines. Everything is read in one read-only transaction
 * at one snapshot (REPEATABLE READ), so the archive is consistent however long it takes, and rows arrive through a
 * cursor a hundred at a time, paused while the reader is behind: a tenant of any size takes the same memory. A
 * file's bytes follow its line. The last line is {@code {type: "end", lines}}: an archive without it was cut short.
 */
public final class TenantExport {

  private static final int ROWS_PER_FETCH = 100;

  private final Pool pool;
  private final BlobStore blobs;

  public TenantExport(Pool pool, BlobStore blobs) {
    this.pool = pool;
    this.blobs = blobs;
  }

  /** How much was written: for the export's record. */
  public record Written(long lines, long bytes) {
  }

  public Future<Written> write(long tenantId, WriteStream<Buffer> out) {
    ArchiveLines lines = new ArchiveLines(out);
    return pool.withTransaction(connection -> connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
        .compose(snapshot -> lines.line(new JsonObject().put("type", "archive").put("format", 1)
          .put("exportedAt", Instant.now().toString()).encode()))
        .compose(started -> sections(connection, tenantId, ExportSections.ALL.iterator(), lines)))
      .compose(all -> lines.line(new JsonObject().put("type", "end").put("lines", lines.lines() + 1).encode()))
      .map(ended -> new Written(lines.lines(), lines.bytes()));
  }

  private Future<Void> sections(SqlConnection connection, long tenantId, Iterator<ExportSections.Section> next, ArchiveLines lines) {
    if (!next.hasNext()) {
      return Future.succeededFuture();
    }
    ExportSections.Section section = next.next();
    return connection.prepare(section.sql())
      .compose(statement -> rows(statement.createStream(ROWS_PER_FETCH, Tuple.of(tenantId)), section, lines)
        .eventually(statement::close))
      .compose(done -> sections(connection, tenantId, next, lines));
  }

  /** Each row one line; the stream waits while the reader is behind, and while a file's bytes go out. */
  private Future<Void> rows(RowStream<Row> stream, ExportSections.Section section, ArchiveLines lines) {
    Promise<Void> done = Promise.promise();
    stream.exceptionHandler(done::tryFail);
    stream.endHandler(end -> done.tryComplete());
    stream.handler(row -> {
      String line = row.getString(0);
      Future<Void> written = lines.line(line);
      written.onFailure(failed -> {
        stream.close();
        done.tryFail(failed);
      });
      if (ExportSections.FILE_TYPE.equals(section.type())) {
        stream.pause();
        JsonObject file = new JsonObject(line);
        written.compose(ok -> blobs.read(StoredFile.blobKey(UUID.fromString(file.getString("id"))), 0, file.getLong("size"),
            lines.file(file.getString("id"))))
          .onSuccess(sent -> stream.resume())
          .onFailure(failed -> {
            stream.close();
            done.tryFail(failed);
          });
      } else if (lines.writeQueueFull()) {
        stream.pause();
        lines.drainHandler(drained -> stream.resume());
      }
    });
    return done.future();
  }
}
