package parley.shutdown;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.shareddata.Shareable;
import parley.bus.Caller;
import parley.service.NodeLocal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node on its way down. {@link #begun()} is the one flag that says the node is shutting down: the readiness check
 * ({@code /health/ready}) is to answer "not ready" from {@link #begin()} on, so that a load balancer sends nothing new
 * here while the node finishes what it has.
 *
 * <p>It also counts the requests that bridge sockets handed to the services and that are not answered yet: the
 * bridge closes its sockets only once that count is back to zero, so that no answer is lost with its socket. Every
 * public address is served on the node that received the request ({@link parley.bus.Services}), so the count is
 * this node's alone. One per Vert.x instance (tests run several nodes in one JVM).
 */
public final class Draining implements Shareable {

  private volatile boolean begun;
  private final AtomicLong unanswered = new AtomicLong();

  private Draining() {
  }

  public static Draining of(Vertx vertx) {
    return NodeLocal.of(vertx, "shutdown.draining", Draining::new);
  }

  /** The shutdown's first step, before anything stops. */
  public void begin() {
    begun = true;
  }

  public boolean begun() {
    return begun;
  }

  /** A bridge socket's request is on its way to its service. */
  public void handedOver() {
    unanswered.incrementAndGet();
  }

  /**
   * A service has sent its answer to {@code request}: the delivery to the bridge is queued on the socket's event loop
   * by then, ahead of anything the bridge queues after seeing the count at zero. Requests that did not come from a
   * bridge socket (they carry no connection id) were never counted.
   */
  public void answered(Message<?> request) {
    if (request.headers().contains(Caller.CONNECTION_HEADER)) {
      unanswered.decrementAndGet();
    }
  }

  public boolean allAnswered() {
    return unanswered.get() <= 0;
  }
}
