package parley.file;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Where file bytes live, by key: PostgreSQL ({@link PostgresBlobStore}) or S3-compatible storage ({@link S3BlobStore}).
 * Both stream: neither holds a whole blob in memory. What a blob is (name, type, owner) is kept in the files table.
 */
public interface BlobStore {

  /**
   * Stores {@code size} bytes read from {@code content} under {@code key}, replacing any blob there. {@code sha256}
   * is the lower-case hex SHA-256 of the bytes (S3 signs the upload with it). Fails, storing nothing usable, when
   * the stream fails or does not carry exactly {@code size} bytes.
   */
  Future<Void> put(String key, ReadStream<Buffer> content, long size, String sha256);

  /**
   * Writes bytes {@code [offset, offset + length)} of the blob to {@code into}, waiting for it to drain when its
   * queue is full, and does not end it. Completes once the last byte is written.
   */
  Future<Void> read(String key, long offset, long length, WriteStream<Buffer> into);

  /** Removes the blob; removing one that is not there succeeds. */
  Future<Void> delete(String key);
}
