package parley.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.eventbus.impl.OutboundDeliveryContext;

/**
 * A request the event bus cannot write to the node it chose fails at once, as {@code 503 unavailable}, instead of
 * waiting out its reply timeout (the bridge's is 30 s).
 *
 * <p>When a node's process dies, its sockets are closed by its machine: the other nodes' connections to its event bus
 * are refused at once, but Hazelcast drops it from the cluster only after a few refused connections (well under a
 * second on one machine) or missed heartbeats, and meanwhile requests are still routed to it. Vert.x sees the write
 * fail but fails the request only when its reply timeout passes (eclipse-vertx/vert.x#1730): a chat.send would show
 * "sending" for 30 s. Failed at once, it is retried by its client, with its clientMsgId, and reaches a live node.
 *
 * <p>A node whose machine is unreachable (no refusal, only silence) is not helped: its requests time out until
 * Hazelcast's heartbeat timeout removes it.
 */
public final class UnreachableNodes {

  private static final DeliveryOptions HERE = new DeliveryOptions().setLocalOnly(true);

  private UnreachableNodes() {
  }

  /** Installs the interceptor once per Vert.x. Relies on Vert.x's OutboundDeliveryContext (an impl class). */
  public static void failRequestsFast(Vertx vertx) {
    if (vertx.sharedData().getLocalMap("parley.cluster").putIfAbsent("failRequestsFast", true) != null) {
      return;
    }
    EventBus bus = vertx.eventBus();
    bus.addOutboundInterceptor(delivery -> {
      String replyAddress = delivery.message().replyAddress();
      if (delivery.send() && replyAddress != null && delivery instanceof OutboundDeliveryContext<?> outbound) {
        outbound.writePromise.future().onFailure(cause -> {
          // A ReplyException (no handlers anywhere) already fails the request; anything else is a node not reached.
          if (!(cause instanceof ReplyException)) {
            bus.send(replyAddress, new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "unavailable"), HERE);
          }
        });
      }
      delivery.next();
    });
  }
}
