package parley.platform;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import parley.bus.ApiError;

/**
 * A platform operator making a request: stamped by the HTTP verticle from a platform session's token, never by a
 * tenant's token, and never reachable from the bridge (no platform service is bridged; an operator's bridge
 * connection only listens, on bridge.OperatorConnections's addresses).
 */
public record Operator(long id) {

  public static final String HEADER = "parley-operator-id";

  /** The operator a request came from, or {@code 401 unauthenticated} when it came from nobody's platform session. */
  static Operator of(Message<?> message) {
    String id = message.headers().get(HEADER);
    if (id == null) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
    return new Operator(Long.parseLong(id));
  }

  public DeliveryOptions deliveryOptions() {
    return new DeliveryOptions().addHeader(HEADER, Long.toString(id));
  }
}
