package parley.cluster;

import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, per address, the event-bus messages (and their bytes) a node writes to the other nodes and reads from
 * them, and the point-to-point messages it sends and handles.
 */
public final class WireCounter implements VertxMetricsFactory {

  /** Messages and their bytes on the wire, on one address in one direction. */
  public record Count(long messages, long bytes) {
    public Count plus(Count other) {
      return new Count(messages + other.messages, bytes + other.bytes);
    }

    public Count minus(Count other) {
      return new Count(messages - other.messages, bytes - other.bytes);
    }
  }

  private static final Count NONE = new Count(0, 0);

  private final Map<String, Count> written = new ConcurrentHashMap<>();
  private final Map<String, Count> read = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> handledHere = new ConcurrentHashMap<>();

  long written(String address) {
    return written.getOrDefault(address, NONE).messages();
  }

  long read(String address) {
    return read.getOrDefault(address, NONE).messages();
  }

  /** Everything written so far, by address. */
  public Map<String, Count> writtenByAddress() {
    return new TreeMap<>(written);
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
            written.merge(address, new Count(1, numberOfBytes), Count::plus);
          }

          @Override
          public void messageRead(String address, int numberOfBytes) {
            read.merge(address, new Count(1, numberOfBytes), Count::plus);
          }
        };
      }
    };
  }
}
