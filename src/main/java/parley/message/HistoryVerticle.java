package parley.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.service.ServiceVerticle;

/**
 * {@code chat.history}: a page of a room's history, oldest first, for its members. Apart from the other chat requests
 * so that it runs on every core (Main deploys one instance per HTTP instance): a page of fifty messages is the largest
 * answer clients ask for often, and one event loop building them all was the limit. The page goes to the asker
 * uncopied ({@link parley.bus.LocalJson}).
 */
public class HistoryVerticle extends ServiceVerticle {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 100;

  @Override
  protected void serveAll() {
    serveAsIs(Addresses.CHAT_HISTORY, message -> history(Caller.of(message), Services.body(message)));
  }

  private Future<JsonObject> history(Caller caller, JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    long before = Fields.optionalCount(body, "before", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
    return MessageRepository.history(pool, caller.tenantId(), caller.userId(), roomId, before, limit + 1).compose(page ->
      switch (page.access()) {
        case NO_ROOM -> Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception());
        case NOT_MEMBER -> Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
        case MEMBER -> {
          boolean more = page.messages().size() > limit;
          yield Future.succeededFuture(MessageVerticle.page(more ? page.messages().subList(1, page.messages().size())
            : page.messages(), more, caller.userId()));
        }
      });
  }
}
