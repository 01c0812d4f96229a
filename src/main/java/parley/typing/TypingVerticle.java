package parley.typing;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.room.Access;
import parley.room.RoomMembers;
import parley.service.ServiceVerticle;

import java.util.HashMap;
import java.util.Map;

/**
 * "Alice is typing…": {@code chat.typing} becomes a {@code typing} event on the room, never stored. A typing state
 * expires after {@link #EXPIRE_MILLIS} without a refresh, and a user's refreshes reach the room at most once per
 * {@link #THROTTLE_MILLIS} per room. Confined to this verticle's event loop.
 */
public class TypingVerticle extends ServiceVerticle {

  static final long EXPIRE_MILLIS = 6_000;
  static final long THROTTLE_MILLIS = 2_000;
  private static final int MAX_TRACKED = 50_000;

  private record Typist(long roomId, long userId) {
  }

  /** A typing state: when the room was last told, the timer that ends it, and the name it was told with. */
  private record State(long announcedAt, long expiryTimer, String displayName) {
  }

  private final Map<Typist, State> typing = new HashMap<>();
  /**
   * Each typist's latest request, numbered: a start still waiting for its membership check must not win over a stop
   * sent after it (a quick "type, send" would otherwise leave the room told "typing" until the state expires).
   */
  private final Map<Typist, Long> latest = new HashMap<>();
  private long requests;
  private RoomMembers members;

  @Override
  protected void serveAll() {
    members = RoomMembers.of(vertx);
    startsAfter(members.listening());
    serve(Addresses.CHAT_TYPING, this::typing);
  }

  private Future<JsonObject> typing(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    if (!(body.getValue("typing") instanceof Boolean isTyping)) {
      throw ApiError.INVALID_REQUEST.exception();
    }
    Typist typist = new Typist(roomId, caller.userId());
    long request = ++requests;
    if (latest.size() > MAX_TRACKED) {
      latest.keySet().retainAll(typing.keySet());
    }
    latest.put(typist, request);
    State state = typing.get(typist);
    long now = System.currentTimeMillis();
    if (isTyping && state != null && now - state.announcedAt < THROTTLE_MILLIS) {
      vertx.cancelTimer(state.expiryTimer);
      typing.put(typist, new State(state.announcedAt, expiry(typist, state.displayName), state.displayName));
      return Future.succeededFuture(new JsonObject());
    }
    if (!isTyping && state == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return members.access(pool, caller, roomId).compose(Access::requiredMembership)
      .compose(member -> UserRepository.byId(pool, caller.tenantId(), caller.userId()))
      .map(user -> {
        if (!Long.valueOf(request).equals(latest.get(typist))) {
          return new JsonObject();
        }
        State current = typing.remove(typist);
        if (current != null) {
          vertx.cancelTimer(current.expiryTimer);
        }
        if (isTyping) {
          typing.put(typist, new State(System.currentTimeMillis(), expiry(typist, user.displayName()), user.displayName()));
        }
        announce(typist, user.displayName(), isTyping);
        return new JsonObject();
      });
  }

  private long expiry(Typist typist, String displayName) {
    return vertx.setTimer(EXPIRE_MILLIS, tick -> {
      typing.remove(typist);
      announce(typist, displayName, false);
    });
  }

  private void announce(Typist typist, String displayName, boolean isTyping) {
    vertx.eventBus().publish(Addresses.room(typist.roomId()), new JsonObject()
      .put("type", EventTypes.TYPING)
      .put("roomId", Long.toString(typist.roomId()))
      .put("userId", Long.toString(typist.userId()))
      .put("displayName", displayName)
      .put("typing", isTyping));
  }
}
