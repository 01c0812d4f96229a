package parley.read;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * At most one {@code read.updated} per member per room per window. The first cursor move of a quiet member goes out
 * at once; moves within the window wait for its end, and then only the latest goes out (trailing edge), so the room
 * never keeps a stale receipt. Confined to one verticle's event loop.
 */
final class ReadThrottle {

  /** Tells the room that a member's cursor is now at {@code seq}. */
  interface Publisher {
    void publish(long roomId, long userId, long seq);
  }

  private record Reader(long roomId, long userId) {
  }

  /** A window in progress: the seq last told, and the newest one waiting for the window to end (0: none). */
  private static final class Window {
    long told;
    long waiting;
  }

  private final Vertx vertx;
  private final long windowMillis;
  private final Publisher publisher;
  private final Map<Reader, Window> windows = new HashMap<>();

  ReadThrottle(Vertx vertx, long windowMillis, Publisher publisher) {
    this.vertx = vertx;
    this.windowMillis = windowMillis;
    this.publisher = publisher;
  }

  void moved(long roomId, long userId, long seq) {
    Reader reader = new Reader(roomId, userId);
    Window window = windows.get(reader);
    if (window == null) {
      window = new Window();
      windows.put(reader, window);
      tell(reader, window, seq);
    } else if (seq > window.told) {
      window.waiting = Math.max(window.waiting, seq);
    }
  }

  private void tell(Reader reader, Window window, long seq) {
    window.told = seq;
    window.waiting = 0;
    publisher.publish(reader.roomId(), reader.userId(), seq);
    vertx.setTimer(windowMillis, tick -> {
      if (window.waiting > window.told) {
        tell(reader, window, window.waiting);
      } else {
        windows.remove(reader);
      }
    });
  }
}
