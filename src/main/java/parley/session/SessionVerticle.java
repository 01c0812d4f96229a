package parley.session;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.service.ServiceVerticle;

import java.util.UUID;

/**
 * Sign-in sessions: started at each sign-in, checked by the HTTP verticle (which caches the answer), listed and
 * ended by their owner. Whatever ends a session says so on {@link Addresses#SESSIONS_ENDED}.
 */
public class SessionVerticle extends ServiceVerticle {

  private static final long CLEAN_UP_EVERY_MILLIS = 3_600_000;

  @Override
  protected void serveAll() {
    serve(Addresses.SESSION_START, this::start);
    serve(Addresses.SESSION_LIVE, message -> {
      Caller caller = Caller.of(message);
      return SessionRepository.live(pool, Caller.sessionOf(message), caller.tenantId(), caller.userId())
        .map(live -> new JsonObject().put("live", live.live()).put("tokenGrant", live.tokenGrant()));
    });
    serve(Addresses.SESSION_LIST, message -> {
      Caller caller = Caller.of(message);
      return SessionRepository.list(pool, caller.tenantId(), caller.userId(), Caller.sessionOf(message))
        .map(sessions -> new JsonObject().put("sessions", sessions));
    });
    serve(Addresses.SESSION_END, message -> end(message).map(ended -> new JsonObject().put("ended", true)));
    serve(Addresses.SESSION_SIGN_OUT, message -> end(message).map(ended -> new JsonObject().put("idToken", ended.idToken())));
    serve(Addresses.SESSION_END_ALL, message -> {
      Caller caller = Caller.of(message);
      return SessionRepository.endAll(pool, caller.tenantId(), caller.userId(), null).map(ended -> {
        SessionEvents.ended(vertx.eventBus(), caller.tenantId(), caller.userId(), ended);
        return new JsonObject().put("ended", ended.size());
      });
    });
    vertx.eventBus().<String>localConsumer(Addresses.SESSION_SEEN, message -> SessionRepository.seen(pool, UUID.fromString(message.body())));
    vertx.setPeriodic(CLEAN_UP_EVERY_MILLIS, tick -> SessionRepository.endExpired(pool));
  }

  /**
   * {@code {userId, idToken?, tokenGrant?}}, for the tenant in the headers: the HTTP verticle signs the token that names
   * it. Only the HTTP verticle asks, so the ID token, and what it grants, are those single sign-on has just checked.
   */
  private Future<JsonObject> start(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    JsonObject body = Services.body(message);
    long userId = Fields.id(body.getValue("userId"));
    String idToken = body.getValue("idToken") instanceof String token ? token : null;
    String tokenGrant = body.getValue("tokenGrant") instanceof String grant ? grant : null;
    UUID id = UUID.randomUUID();
    return SessionRepository.start(pool, id, tenantId, userId, Device.of(message), settings.jwtTtlHours(), idToken, tokenGrant)
      .map(expiresAt -> new JsonObject().put("sessionId", id.toString()).put("expiresAt", expiresAt));
  }

  /** {@code {sessionId}}: one of the caller's own; another's answers as missing. */
  private Future<SessionRepository.Ended> end(Message<Object> message) {
    Caller caller = Caller.of(message);
    UUID id = sessionId(Services.body(message).getValue("sessionId"));
    return SessionRepository.endOne(pool, id, caller.tenantId(), caller.userId()).compose(ended -> {
      if (!ended.ended()) {
        return Future.failedFuture(ApiError.SESSION_NOT_FOUND.exception());
      }
      SessionEvents.ended(vertx.eventBus(), caller.tenantId(), caller.userId(), java.util.List.of(id.toString()));
      return Future.succeededFuture(ended);
    });
  }

  private static UUID sessionId(Object value) {
    try {
      return UUID.fromString((String) value);
    } catch (RuntimeException notAnId) {
      throw ApiError.SESSION_NOT_FOUND.exception();
    }
  }
}
