package parley.file;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A stream passed through unchanged if it carries exactly {@code size} bytes, and failed instead of ended otherwise:
 * a request sent with a {@code Content-Length} the body does not keep would leave the server waiting for bytes that
 * never come, or read the surplus as the next request.
 */
final class ExactLengthStream implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final long size;
  private long received;
  private boolean failed;
  private Handler<Throwable> exceptionHandler;

  ExactLengthStream(ReadStream<Buffer> source, long size) {
    this.source = source;
    this.size = size;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : buffer -> {
      received += buffer.length();
      if (received > size) {
        fail("more than the " + size + " bytes declared");
      } else if (!failed) {
        handler.handle(buffer);
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    source.endHandler(handler == null ? null : end -> {
      if (received < size) {
        fail(received + " of the " + size + " bytes declared");
      } else if (!failed) {
        handler.handle(end);
      }
    });
    return this;
  }

  private void fail(String message) {
    if (!failed) {
      failed = true;
      if (exceptionHandler != null) {
        exceptionHandler.handle(new IllegalStateException("The stream carried " + message));
      }
    }
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }
}
