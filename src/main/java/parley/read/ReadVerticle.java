package parley.read;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.service.ServiceVerticle;

/**
 * Read cursors: {@code chat.read} moves the caller's cursor forward and tells their other connections
 * ({@code read.cursor} on {@code user.<id>}) and the room ({@code read.updated}, throttled, and only in rooms of at
 * most {@link #MAX_BROADCAST_MEMBERS} members); {@code svc.read.readers} answers who has read a message. Receipts are
 * derived from the cursors, so what is stored grows with members, not with members × messages.
 */
public class ReadVerticle extends ServiceVerticle {

  static final long THROTTLE_MILLIS = 1_000;
  static final int MAX_BROADCAST_MEMBERS = 100;

  private ReadThrottle throttle;

  @Override
  protected void serveAll() {
    throttle = new ReadThrottle(vertx, THROTTLE_MILLIS, this::announce);
    serve(Addresses.CHAT_READ, message -> read(Caller.of(message), Services.body(message)));
    serve(Addresses.READ_READERS, message -> readers(Caller.of(message), Services.body(message)));
  }

  /** A seq above the room's newest change is taken as "everything"; one below the cursor changes nothing. */
  private Future<JsonObject> read(Caller caller, JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    if (body.getValue("seq") == null) {
      throw ApiError.INVALID_REQUEST.exception();
    }
    long seq = Fields.optionalCount(body, "seq", 0, ApiError.INVALID_CURSOR);
    return ReadRepository.advance(pool, caller.tenantId(), caller.userId(), roomId, seq)
      .compose(moved -> ReadRepository.cursor(pool, caller.tenantId(), caller.userId(), roomId).compose(cursor -> {
        if (cursor == null) {
          return refusal(caller, roomId, 0);
        }
        JsonObject answer = cursor.toJson(roomId);
        if (moved) {
          vertx.eventBus().publish(Addresses.user(caller.userId()), answer.copy().put("type", EventTypes.READ_CURSOR));
          if (cursor.memberCount() <= MAX_BROADCAST_MEMBERS) {
            throttle.moved(roomId, caller.userId(), cursor.readSeq());
          }
        }
        return Future.succeededFuture(answer);
      }));
  }

  private Future<JsonObject> readers(Caller caller, JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    long messageId = Fields.id(body.getValue("messageId"));
    return ReadRepository.access(pool, caller.tenantId(), caller.userId(), roomId, messageId).compose(access ->
      access.member() && access.message()
        ? permissions.of(caller)
          .compose(grant -> ReadRepository.readers(pool, caller.tenantId(), roomId, messageId, grant.seesDeactivated()))
          .map(readers -> new JsonObject().put("readers", readers))
        : Future.failedFuture(error(access).exception()));
  }

  private Future<JsonObject> refusal(Caller caller, long roomId, long messageId) {
    return ReadRepository.access(pool, caller.tenantId(), caller.userId(), roomId, messageId)
      .compose(access -> Future.failedFuture(error(access).exception()));
  }

  private static ApiError error(ReadRepository.Access access) {
    return !access.room() ? ApiError.ROOM_NOT_FOUND
      : !access.member() ? ApiError.NOT_A_MEMBER
      : ApiError.MESSAGE_NOT_FOUND;
  }

  private void announce(long roomId, long userId, long seq) {
    vertx.eventBus().publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.READ_UPDATED)
      .put("roomId", Long.toString(roomId)).put("userId", Long.toString(userId)).put("seq", seq));
  }
}
