package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;

import java.util.Base64;

/**
 * The archive as it goes out: one line per {@link #line}, counted. As a {@link WriteStream} it takes a file's bytes
 * and writes each piece it is given as a line of its own, {@code {type: "fileData", fileId, offset, base64}}.
 */
final class ArchiveLines implements WriteStream<Buffer> {

  private final WriteStream<Buffer> out;
  private long lines;
  private long bytes;
  private String fileId;
  private long offset;

  ArchiveLines(WriteStream<Buffer> out) {
    this.out = out;
  }

  Future<Void> line(String json) {
    Buffer line = Buffer.buffer(json.length() + 1).appendString(json).appendByte((byte) '\n');
    lines++;
    bytes += line.length();
    return out.write(line);
  }

  /** The bytes written from now on are the file's, from its start. */
  ArchiveLines file(String id) {
    this.fileId = id;
    this.offset = 0;
    return this;
  }

  long lines() {
    return lines;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public Future<Void> write(Buffer data) {
    JsonObject piece = new JsonObject().put("type", "fileData").put("fileId", fileId).put("offset", offset)
      .put("base64", Base64.getEncoder().encodeToString(data.getBytes()));
    offset += data.length();
    return line(piece.encode());
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    out.exceptionHandler(handler);
    return this;
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    out.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return out.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    out.drainHandler(handler);
    return this;
  }
}
