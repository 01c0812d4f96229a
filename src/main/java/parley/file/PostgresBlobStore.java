package parley.file;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Blobs as rows of {@link #PART_SIZE} bytes in {@code blob_chunks} (see 008-files.sql). Writing holds at most one
 * part being filled and one being inserted; reading fetches one part at a time, each once the last is written out.
 */
public final class PostgresBlobStore implements BlobStore {

  static final int PART_SIZE = 256 * 1024;

  private static final String INSERT = "INSERT INTO blob_chunks (key, part, data) VALUES ($1, $2, $3)";
  private static final String PART = "SELECT data FROM blob_chunks WHERE key = $1 AND part = $2";
  private static final String DELETE = "DELETE FROM blob_chunks WHERE key = $1";

  private final Pool pool;

  public PostgresBlobStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> put(String key, ReadStream<Buffer> content, long size, String sha256) {
    return delete(key).compose(none -> new Upload(key, content, size).run());
  }

  @Override
  public Future<Void> read(String key, long offset, long length, WriteStream<Buffer> into) {
    if (length <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    readPart(key, (int) (offset / PART_SIZE), offset, offset + length, into, done);
    return done.future();
  }

  @Override
  public Future<Void> delete(String key) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(key)).mapEmpty();
  }

  /** Writes the bytes of part {@code part} that fall in {@code [from, to)}, then goes on with the next part. */
  private void readPart(String key, int part, long from, long to, WriteStream<Buffer> into, Promise<Void> done) {
    pool.preparedQuery(PART).execute(Tuple.of(key, part)).onFailure(done::tryFail).onSuccess(rows -> {
      if (rows.size() == 0) {
        done.tryFail(new IllegalStateException("Blob " + key + " has no part " + part));
        return;
      }
      Buffer data = rows.iterator().next().getBuffer("data");
      long partStart = (long) part * PART_SIZE;
      int start = (int) Math.max(0, from - partStart);
      int end = (int) Math.min(data.length(), to - partStart);
      boolean last = partStart + end >= to || end < PART_SIZE;
      // The next part is fetched once this one is written out, not merely queued: a slow reader then holds one
      // part of heap, where waiting for the queue to drain would let it hold sixteen.
      into.write(data.slice(start, end)).onFailure(done::tryFail).onSuccess(written -> {
        if (last) {
          done.tryComplete();
        } else {
          readPart(key, part + 1, from, to, into, done);
        }
      });
    });
  }

  /** One put: cuts the stream into parts and inserts them in order, pausing the stream while an insert runs. */
  private final class Upload {
    private final String key;
    private final ReadStream<Buffer> content;
    private final long size;
    private final Promise<Void> done = Promise.promise();
    private final Queue<Buffer> full = new ArrayDeque<>();
    private Buffer filling = Buffer.buffer(PART_SIZE);
    private long received;
    private int nextPart;
    private boolean inserting;
    private boolean ended;

    Upload(String key, ReadStream<Buffer> content, long size) {
      this.key = key;
      this.content = content;
      this.size = size;
    }

    Future<Void> run() {
      content.exceptionHandler(this::fail);
      content.endHandler(end -> {
        ended = true;
        if (filling.length() > 0) {
          full.add(filling);
        }
        insertNext();
      });
      content.handler(this::take);
      content.resume();
      return done.future();
    }

    private void take(Buffer chunk) {
      if (done.future().isComplete()) {
        return;
      }
      received += chunk.length();
      if (received > size) {
        fail(new IllegalStateException("Blob " + key + " is longer than the " + size + " bytes announced"));
        return;
      }
      filling.appendBuffer(chunk);
      while (filling.length() >= PART_SIZE) {
        full.add(filling.getBuffer(0, PART_SIZE));
        filling = filling.getBuffer(PART_SIZE, filling.length());
      }
      if (!full.isEmpty()) {
        content.pause();
        insertNext();
      }
    }

    private void insertNext() {
      if (inserting || done.future().isComplete()) {
        return;
      }
      Buffer part = full.poll();
      if (part == null) {
        if (!ended) {
          content.resume();
        } else if (received != size) {
          fail(new IllegalStateException("Blob " + key + " got " + received + " of " + size + " bytes"));
        } else {
          done.tryComplete();
        }
        return;
      }
      inserting = true;
      pool.preparedQuery(INSERT).execute(Tuple.of(key, nextPart++, part)).onComplete(inserted -> {
        inserting = false;
        if (inserted.failed()) {
          fail(inserted.cause());
        } else {
          insertNext();
        }
      });
    }

    private void fail(Throwable cause) {
      if (done.tryFail(cause)) {
        delete(key);
      }
    }
  }
}
