package parley.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.role.Grant;
import parley.service.ServiceVerticle;

import java.util.List;

/**
 * A page of a room's history, oldest first, for its members: {@code chat.history} answers it as a JSON object (what
 * the bridge sends on), {@code svc.message.historyPage} as its encoded bytes (what REST sends, {@link HistoryJson}).
 * Apart from the other chat requests so that it runs on every core (Main deploys one instance per HTTP instance): a
 * page of fifty messages is the largest answer clients ask for often, and one event loop building them all was the
 * limit. chat.history's pages go to the asker uncopied ({@link parley.bus.LocalJson}).
 */
public class HistoryVerticle extends ServiceVerticle {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 100;

  /** The messages of one page, as {@code viewerId} sees them (see {@link Message#toJsonFor}), and whether there are older ones. */
  private record Page(List<Message> messages, boolean more, long viewerId, boolean seesDeactivated) {
  }

  @Override
  protected void serveAll() {
    serveAsIs(Addresses.CHAT_HISTORY, request -> page(request)
      .map(page -> MessageVerticle.page(page.messages(), page.more(), page.viewerId(), page.seesDeactivated())));
    serve(Addresses.MESSAGE_HISTORY_PAGE, request -> page(request)
      .map(page -> HistoryJson.page(page.messages(), page.more(), page.viewerId(), page.seesDeactivated())));
    serve(Addresses.MESSAGE_PINS, this::pins);
    serve(Addresses.MESSAGE_ONE, this::one);
  }

  /** One message of the room, for its members, as history shows it: where a permalink points. */
  private Future<JsonObject> one(io.vertx.core.eventbus.Message<Object> request) {
    Caller caller = Caller.of(request);
    JsonObject body = Services.body(request);
    long roomId = Fields.id(body.getValue("roomId"));
    long messageId = Fields.id(body.getValue("messageId"));
    return Future.all(permissions.of(caller), MessageRepository.one(pool, caller.tenantId(), caller.userId(), roomId, messageId))
      .compose(both -> {
        MessageRepository.Page found = both.resultAt(1);
        return found.access().required().compose(member -> found.messages().isEmpty()
          ? Future.failedFuture(ApiError.MESSAGE_NOT_FOUND.exception())
          : Future.succeededFuture(new JsonObject().put("message",
            found.messages().get(0).toJsonFor(caller.userId(), both.<Grant>resultAt(0).seesDeactivated()))));
      });
  }

  /** The room's pinned messages, for its members, as a page of history shows them. */
  private Future<JsonObject> pins(io.vertx.core.eventbus.Message<Object> request) {
    Caller caller = Caller.of(request);
    long roomId = Fields.id(Services.body(request).getValue("roomId"));
    return Future.all(permissions.of(caller), MessageRepository.pins(pool, caller.tenantId(), caller.userId(), roomId))
      .compose(both -> {
        MessageRepository.Page found = both.resultAt(1);
        boolean seesDeactivated = both.<Grant>resultAt(0).seesDeactivated();
        return found.access().required().map(member -> new JsonObject().put("pins", new JsonArray(found.messages().stream()
          .map(message -> message.toJsonFor(caller.userId(), seesDeactivated)).toList())));
      });
  }

  private Future<Page> page(io.vertx.core.eventbus.Message<Object> request) {
    Caller caller = Caller.of(request);
    JsonObject body = Services.body(request);
    long roomId = Fields.id(body.getValue("roomId"));
    long before = Fields.optionalCount(body, "before", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
    // The grant is cached: asked alongside the page, it costs nothing but on a verticle's first request from someone.
    return Future.all(permissions.of(caller), MessageRepository.history(pool, caller.tenantId(), caller.userId(), roomId, before, limit + 1))
      .compose(both -> {
        MessageRepository.Page found = both.resultAt(1);
        return switch (found.access()) {
          case NO_ROOM -> Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception());
          case NOT_MEMBER -> Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
          case MEMBER -> {
            List<Message> messages = found.messages();
            boolean more = messages.size() > limit;
            yield Future.succeededFuture(new Page(more ? messages.subList(1, messages.size()) : messages, more, caller.userId(),
              both.<Grant>resultAt(0).seesDeactivated()));
          }
        };
      });
  }
}
