package parley.cluster;

import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts, per address, the event-bus messages a node writes to the other nodes and reads from them. */
final class WireCounter implements VertxMetricsFactory {

  private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> read = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> handledHere = new ConcurrentHashMap<>();

  long written(String address) {
    return written.getOrDefault(address, new AtomicLong()).get();
  }

  long read(String address) {
    return read.getOrDefault(address, new AtomicLong()).get();
  }

  /** Point-to-point messages this node sent to the address, to whichever node, whether or not they got there. */
  long sent(String address) {
    return sent.getOrDefault(address, new AtomicLong()).get();
  }

  /** Point-to-point messages to the address that a handler of this node received (from this node or another). */
  long handledHere(String address) {
    return handledHere.getOrDefault(address, new AtomicLong()).get();
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new VertxMetrics() {
      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return new EventBusMetrics<Void>() {
          @Override
          public void messageSent(String address, boolean publish, boolean local, boolean remote) {
            if (!publish) {
              sent.computeIfAbsent(address, a -> new AtomicLong()).incrementAndGet();
            }
          }

          @Override
          public void messageReceived(String address, boolean publish, boolean local, int handlers) {
            if (!publish && handlers > 0) {
              handledHere.computeIfAbsent(address, a -> new AtomicLong()).incrementAndGet();
            }
          }

          @Override
          public void messageWritten(String address, int numberOfBytes) {
            written.computeIfAbsent(address, a -> new AtomicLong()).incrementAndGet();
          }

          @Override
          public void messageRead(String address, int numberOfBytes) {
            read.computeIfAbsent(address, a -> new AtomicLong()).incrementAndGet();
          }
        };
      }
    };
  }
}
