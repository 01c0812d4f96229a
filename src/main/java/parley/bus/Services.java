package parley.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import parley.log.LogFields;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Binds a request/reply address to a handler that returns a Future. Failures become replies with the
 * shared status + slug; anything unexpected is logged and answered as {@code 500 internal_error}.
 */
public final class Services {

  private static final System.Logger LOG = System.getLogger(Services.class.getName());
  private static final Consumer<Message<?>> NOBODY = request -> {
  };

  private Services() {
  }

  /**
   * Every node runs every service, so a request is answered by the node that received it: on a cluster it never
   * crosses to another node (no extra hop, and never routed to a node that just died). What must reach every node
   * is published, and those consumers stay cluster-wide.
   */
  public static MessageConsumer<Object> serve(EventBus bus, String address,
                                              Function<Message<Object>, Future<?>> handler) {
    return serve(bus, address, handler, NOBODY);
  }

  /** Like {@link #serve(EventBus, String, Function)}, telling {@code answered} of each request once its answer is sent. */
  public static MessageConsumer<Object> serve(EventBus bus, String address,
                                              Function<Message<Object>, Future<?>> handler, Consumer<Message<?>> answered) {
    return serve(bus, address, handler, null, answered);
  }

  /**
   * Like {@link #serve}, for a handler whose answer is a JSON object built for this reply alone: receivers on this
   * node get it as it is ({@link LocalJson}) rather than a deep copy, which for a page of history costs more than
   * building it.
   */
  public static MessageConsumer<Object> serveAsIs(EventBus bus, String address,
                                                  Function<Message<Object>, Future<JsonObject>> handler) {
    return serveAsIs(bus, address, handler, NOBODY);
  }

  /** Like {@link #serveAsIs(EventBus, String, Function)}, telling {@code answered} of each request once its answer is sent. */
  public static MessageConsumer<Object> serveAsIs(EventBus bus, String address,
                                                  Function<Message<Object>, Future<JsonObject>> handler,
                                                  Consumer<Message<?>> answered) {
    LocalJson.register(bus);
    return serve(bus, address, handler::apply, LocalJson.NAME, answered);
  }

  private static MessageConsumer<Object> serve(EventBus bus, String address, Function<Message<Object>, Future<?>> handler,
                                               String replyCodec, Consumer<Message<?>> answered) {
    return bus.localConsumer(address, message -> {
      Future<?> result;
      try {
        result = handler.apply(message);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(done -> {
        if (done.succeeded() && replyCodec != null) {
          message.reply(done.result(), new DeliveryOptions().setCodecName(replyCodec));
        } else if (done.succeeded()) {
          message.reply(done.result());
        } else if (done.cause() instanceof RateLimited limited) {
          // A reply failure of its own kind: the wait goes with it.
          message.reply(limited);
        } else {
          ApiError error = ApiError.of(done.cause());
          if (error == ApiError.INTERNAL) {
            LogFields.of("requestId", message.headers().get(Caller.REQUEST_HEADER))
              .and("connectionId", message.headers().get(Caller.CONNECTION_HEADER))
              .log(LOG, System.Logger.Level.ERROR, "Request to " + address + " failed", done.cause());
          }
          error.failReply(message);
        }
        answered.accept(message);
      });
    });
  }

  /** The body as a JSON object, or {@code 400 invalid_request} when a client sent something else. */
  public static JsonObject body(Message<Object> message) {
    if (message.body() instanceof JsonObject json) {
      return json;
    }
    throw ApiError.INVALID_REQUEST.exception();
  }
}
