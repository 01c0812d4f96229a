package parley.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.limit.RateLimiter;
import parley.role.Permission;
import parley.room.Access;
import parley.room.RoomMembers;
import parley.service.ServiceVerticle;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Changes to stored messages: {@code chat.edit}, {@code chat.delete}, {@code chat.react} and {@code chat.pin}. Each takes the room's
 * next change number and is published to the room; a change that would change nothing (the same text, a reaction
 * already there, a message already deleted) answers the message as it is and publishes nothing, so retries are safe.
 */
public class ChangeVerticle extends ServiceVerticle {

  static final int MAX_EMOJI_PER_MESSAGE = 50;
  private static final long RETENTION_EVERY_MS = 10 * 60_000;
  private static final System.Logger LOG = System.getLogger(ChangeVerticle.class.getName());

  private HistoryEvents events;
  /** Edits, deletions and reactions share one budget per person, as large as the one for sends. */
  private RateLimiter changeLimiter;
  private RoomMembers members;
  private long retentionTimer;

  @Override
  protected void serveAll() {
    events = new HistoryEvents(vertx, pool);
    members = RoomMembers.of(vertx);
    changeLimiter = RateLimiter.create(vertx, settings, "change", settings.messageRateLimitPerMinute(), 60_000);
    serve(Addresses.CHAT_EDIT, message -> limited(message, this::edit));
    serve(Addresses.CHAT_DELETE, message -> limited(message, this::delete));
    serve(Addresses.CHAT_REACT, message -> limited(message, this::react));
    serve(Addresses.CHAT_PIN, message -> limited(message, this::pin));
    serve(Addresses.MESSAGE_RETENTION_SWEEP, message -> expireOld());
    retentionTimer = vertx.setPeriodic(RETENTION_EVERY_MS, tick -> expireOld()
      .onFailure(failed -> LOG.log(System.Logger.Level.WARNING, "Deleting messages past retention failed; the next sweep tries again: "
        + failed.getMessage())));
  }

  /** Messages past their tenant's retention, deleted as a person's deletion is and told to their rooms alike. */
  private Future<JsonObject> expireOld() {
    return Retention.sweep(pool).map(deleted -> {
      deleted.forEach(message -> events.publish(EventTypes.MESSAGE_DELETED, message,
        new JsonObject().put("messageId", Long.toString(message.id()))));
      return new JsonObject().put("deleted", deleted.size());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(retentionTimer);
    return super.stop();
  }

  private Future<JsonObject> limited(io.vertx.core.eventbus.Message<Object> message,
                                     BiFunction<Caller, JsonObject, Future<JsonObject>> change) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    return changeLimiter.spend(Long.toString(caller.userId())).compose(spent -> change.apply(caller, body));
  }

  /** Only the author edits, while still allowed to send; the mentions are resolved again. */
  private Future<JsonObject> edit(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    String content = Outgoing.content(body);
    return permissions.require(caller, Permission.SEND_MESSAGES).compose(grant ->
      ChangeRepository.current(pool, caller.tenantId(), messageId).compose(before ->
        ChangeRepository.edit(pool, caller.tenantId(), caller.userId(), messageId, content, MessageVerticle.mentions(grant, content))
          .compose(edited -> {
            if (edited == null) {
              return unchanged(caller, messageId, current -> current.author().id() != caller.userId() ? ApiError.NOT_YOUR_MESSAGE
                : !current.kind().equals(Message.TEXT) && !current.kind().equals(Message.ACTION) ? ApiError.NOT_EDITABLE
                : current.deleted() ? ApiError.MESSAGE_DELETED : null);
            }
            events.publish(EventTypes.MESSAGE_UPDATED, edited);
            events.notifyMentioned(edited, before);
            return Future.succeededFuture(edited);
          })))
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /** The author, or anyone with {@code delete_any_message}, deletes; what was said is gone, the place stays. */
  private Future<JsonObject> delete(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    return permissions.of(caller).compose(grant -> {
      boolean mayDeleteAny = grant.has(Permission.DELETE_ANY_MESSAGE);
      return ChangeRepository.delete(pool, caller.tenantId(), caller.userId(), messageId, mayDeleteAny).compose(deleted -> {
        if (deleted == null) {
          return unchanged(caller, messageId, current -> current.author().id() != caller.userId() && !mayDeleteAny
            ? ApiError.FORBIDDEN : null);
        }
        events.publish(EventTypes.MESSAGE_DELETED, deleted, new JsonObject().put("messageId", Long.toString(messageId)));
        return Future.succeededFuture(deleted);
      });
    }).map(message -> message.asReplyTo(caller.userId()));
  }

  /** Any member may react; each person at most once per emoji per message. */
  private Future<JsonObject> react(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    String emoji = Emoji.normalize(Fields.string(body, "emoji", ApiError.INVALID_EMOJI))
      .orElseThrow(ApiError.INVALID_EMOJI::exception);
    boolean on = Fields.optionalBoolean(body, "on", true);
    return ChangeRepository.react(pool, caller.tenantId(), caller.userId(), messageId, emoji, on, MAX_EMOJI_PER_MESSAGE)
      .compose(reacted -> {
        if (reacted == null) {
          return unchanged(caller, messageId, current -> current.deleted() ? ApiError.MESSAGE_DELETED
            : on && !current.reactions().containsKey(emoji) && current.reactions().size() >= MAX_EMOJI_PER_MESSAGE
            ? ApiError.TOO_MANY_REACTIONS : null);
        }
        events.publish(EventTypes.REACTION_CHANGED, reacted, new JsonObject().put("messageId", Long.toString(messageId))
          .put("emoji", emoji).put("userIds", reacted.reactionUserIds(emoji)).put("count", reacted.reactionUserIds(emoji).size()));
        return Future.succeededFuture(reacted);
      })
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /** Anyone with {@code pin_messages} in the room pins or unpins any message but a system line; the room hears it. */
  private Future<JsonObject> pin(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    boolean pinned = Fields.optionalBoolean(body, "pinned", true, ApiError.INVALID_REQUEST);
    return permissions.require(caller, Permission.PIN_MESSAGES)
      .compose(grant -> ChangeRepository.pin(pool, caller.tenantId(), caller.userId(), messageId, pinned))
      .compose(changed -> {
        if (changed == null) {
          return unchanged(caller, messageId, current -> current.deleted() ? ApiError.MESSAGE_DELETED
            : current.kind().equals(Message.SYSTEM) ? ApiError.NOT_PINNABLE : null);
        }
        events.publish(EventTypes.MESSAGE_UPDATED, changed);
        return Future.succeededFuture(changed);
      })
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /** Why nothing changed: a refusal, or (when {@code refusal} finds none) the change was already made. */
  private Future<Message> unchanged(Caller caller, long messageId, Function<Message, ApiError> refusal) {
    return ChangeRepository.current(pool, caller.tenantId(), messageId).compose(current -> {
      if (current == null) {
        return Future.failedFuture(ApiError.MESSAGE_NOT_FOUND.exception());
      }
      // PostgreSQL's word, as the statement that changed nothing had it: memory may still count someone just kicked.
      return members.accessInDatabase(pool, caller, current.roomId()).compose(Access::requiredMembership).compose(member -> {
        ApiError refused = refusal.apply(current);
        if (refused != null) {
          return Future.failedFuture(refused.exception());
        }
        return Future.succeededFuture(current);
      });
    });
  }
}
