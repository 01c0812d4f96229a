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
 * {@code chat.search {q, cursor?, limit?}}, on the bridge and as {@code GET /api/search}: the messages the caller may
 * read that match ({@link SearchRepository}), newest first, each with a snippet of why; {@code cursor} is where the
 * next page begins, null after the last.
 */
public class SearchVerticle extends ServiceVerticle {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 50;

  @Override
  protected void serveAll() {
    serve(Addresses.CHAT_SEARCH, message -> {
      Caller caller = Caller.of(message);
      JsonObject body = Services.body(message);
      SearchQuery query = SearchQuery.parse(body.getValue("q") instanceof String q ? q : null);
      long before = Fields.optionalCount(body, "cursor", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
      int limit = Fields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
      return Future.all(permissions.of(caller), SearchRepository.find(pool, settings.searchLanguage(), caller.tenantId(),
          caller.userId(), query, before, limit + 1))
        .map(both -> answer(both.resultAt(1), limit, query, caller.userId(), both.<Grant>resultAt(0).seesDeactivated()));
    });
  }

  private static JsonObject answer(List<Message> found, int limit, SearchQuery query, long viewerId, boolean seesDeactivated) {
    boolean more = found.size() > limit;
    List<Message> page = more ? found.subList(0, limit) : found;
    JsonArray results = new JsonArray();
    for (Message message : page) {
      Snippet snippet = Snippet.of(message.content(), query.texts());
      results.add(new JsonObject().put("message", message.toJsonFor(viewerId, seesDeactivated))
        .put("roomId", Long.toString(message.roomId())).put("snippet", snippet.text()).put("highlights", snippet.highlightsJson()));
    }
    return new JsonObject().put("results", results)
      .put("cursor", more ? Long.toString(page.get(page.size() - 1).id()) : null);
  }
}
