package parley.file;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Collects what is written. With a queue limit it takes bytes in at a quarter of that limit per millisecond, says
 * its queue is full beyond the limit, and remembers the most it ever had queued.
 */
final class Sink implements WriteStream<Buffer> {

  private final Vertx vertx;
  private final int limit;
  private final Buffer received = Buffer.buffer();
  private int queued;
  private int mostQueued;
  private boolean ended;
  private long timer = -1;
  private Handler<Void> drainHandler;

  Sink(Vertx vertx, int limit) {
    this.vertx = vertx;
    this.limit = limit;
  }

  synchronized byte[] bytes() {
    return received.getBytes();
  }

  synchronized int mostQueued() {
    return mostQueued;
  }

  synchronized boolean ended() {
    return ended;
  }

  @Override
  public synchronized Future<Void> write(Buffer data) {
    received.appendBuffer(data);
    if (limit > 0) {
      queued += data.length();
      mostQueued = Math.max(mostQueued, queued);
      if (timer == -1) {
        timer = vertx.setPeriodic(1, id -> takeIn());
      }
    }
    return Future.succeededFuture();
  }

  private synchronized void takeIn() {
    queued = Math.max(0, queued - limit / 4);
    if (queued < limit / 2 && drainHandler != null) {
      Handler<Void> handler = drainHandler;
      drainHandler = null;
      handler.handle(null);
    }
  }

  @Override
  public synchronized boolean writeQueueFull() {
    return limit > 0 && queued >= limit;
  }

  @Override
  public synchronized WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    drainHandler = handler;
    return this;
  }

  @Override
  public synchronized Future<Void> end() {
    ended = true;
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }
}
