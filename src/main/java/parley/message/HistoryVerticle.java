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
    return asMember(caller, MessageRepository.one(pool, caller.tenantId(), caller.userId(), roomId, messageId))
      .compose(seen -> seen.messages().isEmpty() ? Future.failedFuture(ApiError.MESSAGE_NOT_FOUND.exception())
        : Future.succeededFuture(new JsonObject().put("message", seen.messages().get(0).toJsonFor(caller.userId(), seen.seesDeactivated()))));
  }

  /** The room's pinned messages, for its members, as a page of history shows them. */
  private Future<JsonObject> pins(io.vertx.core.eventbus.Message<Object> request) {
    Caller caller = Caller.of(request);
    long roomId = Fields.id(Services.body(request).getValue("roomId"));
    return asMember(caller, MessageRepository.pins(pool, caller.tenantId(), caller.userId(), roomId))
      .map(seen -> new JsonObject().put("pins", new JsonArray(seen.messages().stream()
        .map(message -> message.toJsonFor(caller.userId(), seen.seesDeactivated())).toList())));
  }

  private Future<Page> page(io.vertx.core.eventbus.Message<Object> request) {
    Caller caller = Caller.of(request);
    JsonObject body = Services.body(request);
    long roomId = Fields.id(body.getValue("roomId"));
    long before = Fields.optionalCount(body, "before", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
    return asMember(caller, MessageRepository.history(pool, caller.tenantId(), caller.userId(), roomId, before, limit + 1))
      .map(seen -> {
        List<Message> messages = seen.messages();
        boolean more = messages.size() > limit;
        return new Page(more ? messages.subList(1, messages.size()) : messages, more, caller.userId(), seen.seesDeactivated());
      });
  }

  /** What a room's statement found, for a member: the messages, and whether the caller sees deactivated people by name. */
  private record Seen(List<Message> messages, boolean seesDeactivated) {
  }

  /** {@code found}'s messages once the caller is known to be a member: else {@code 404 room_not_found} or {@code 403 not_a_member}. */
  private Future<Seen> asMember(Caller caller, Future<MessageRepository.Page> found) {
    // The grant is cached: asked alongside the statement, it costs nothing but on a verticle's first request from someone.
    return Future.all(permissions.of(caller), found).compose(both -> {
      MessageRepository.Page page = both.resultAt(1);
      return page.access().required().map(member -> new Seen(page.messages(), both.<Grant>resultAt(0).seesDeactivated()));
    });
  }
}
