package parley.message;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.db.SqlErrors;
import parley.limit.RateLimiter;
import parley.metrics.ParleyMetrics;
import parley.role.Grant;
import parley.role.Permission;
import parley.room.Access;
import parley.room.RoomMembers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sending and sync: the public {@code chat.*} addresses that bots and the web app call ({@code chat.history} is
 * {@link HistoryVerticle}'s). A slash command sent as a message goes to the commands verticle, and what it says in the
 * room comes back through {@code svc.message.post}.
 */
public class MessageVerticle extends ServiceVerticle {

  static final int SYNC_LIMIT = 200;
  private static final int MAX_SYNC_ROOMS = 1000;

  private RateLimiter sendLimiter;
  private HistoryEvents events;
  private GroupCommit inserts;
  private Counter persisted;
  private RoomMembers members;

  @Override
  protected void serveAll() {
    members = RoomMembers.of(vertx);
    startsAfter(members.listening());
    events = new HistoryEvents(vertx, pool);
    // Half the pool: other verticles need connections too, and more batches side by side would each be smaller.
    ParleyMetrics metrics = ParleyMetrics.of(vertx);
    persisted = metrics.messagesPersisted();
    inserts = MessageRepository.inserts(pool, Math.max(1, settings.databasePoolSize() / 2), metrics.groupCommitBatches());
    sendLimiter = RateLimiter.create(vertx, settings, "send", settings.messageRateLimitPerMinute(), 60_000);
    serve(Addresses.CHAT_SEND, metrics.chatSend().around(message -> send(Caller.of(message), Services.body(message))));
    serve(Addresses.CHAT_SYNC, message -> sync(Caller.of(message), Services.body(message)));
    serve(Addresses.MESSAGE_POST, message -> post(Caller.of(message), Services.body(message)));
  }

  /** What group commit holds is written (and its senders answered) before the pool closes. */
  @Override
  public Future<?> stop() {
    return inserts.drained().compose(drained -> super.stop());
  }

  /** A text, a command, or (with {@code poll} instead of {@code content}) a poll, whose question is its content. */
  private Future<JsonObject> send(Caller caller, JsonObject body) {
    PollDraft poll = body.containsKey("poll") ? PollDraft.from(body.getValue("poll")) : null;
    Outgoing outgoing = Outgoing.from(poll == null ? body : body.copy().put("content", poll.question()));
    return sendLimiter.spend(Long.toString(caller.userId()))
      .compose(spent -> poll == null && outgoing.isCommand() ? command(caller, outgoing) : storeSent(caller, outgoing, poll));
  }

  private Future<JsonObject> storeSent(Caller caller, Outgoing outgoing, PollDraft poll) {
    return permissions.require(caller, Permission.SEND_MESSAGES)
      .compose(grant -> poll == null
        ? store(caller, outgoing.unescaped(), Message.TEXT, mentions(grant, outgoing.content()), null)
        : store(caller, outgoing, Message.POLL, Mentions.NONE, poll.toJson()))
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /**
   * Commands run without {@code send_messages} (each checks its own permission), but only in a room the caller is
   * in. A repeated clientMsgId whose command already posted gets that post back rather than running it twice.
   */
  private Future<JsonObject> command(Caller caller, Outgoing outgoing) {
    return members.access(pool, caller, outgoing.roomId()).compose(Access::required)
      .compose(member -> earlier(caller, outgoing))
      .compose(earlier -> earlier != null
        ? Future.succeededFuture(new JsonObject().put("command", outgoing.commandName()).put("ephemeral", false)
          .put("message", earlier.toReplyJson(caller.userId())))
        : vertx.eventBus().<JsonObject>request(Addresses.COMMANDS_RUN, outgoing.toJson(), caller.deliveryOptions())
          .map(reply -> reply.body()));
  }

  /** What a command says in the room: an action or a poll needs {@code send_messages}, a system message only membership. */
  private Future<JsonObject> post(Caller caller, JsonObject body) {
    Outgoing outgoing = Outgoing.from(body);
    String kind = Fields.string(body, "kind", ApiError.INVALID_REQUEST);
    JsonObject poll = kind.equals(Message.POLL) ? PollDraft.from(body.getValue("poll")).toJson() : null;
    Future<Mentions> allowed = switch (kind) {
      case Message.ACTION -> permissions.require(caller, Permission.SEND_MESSAGES).map(grant -> mentions(grant, outgoing.content()));
      case Message.POLL -> permissions.require(caller, Permission.SEND_MESSAGES).map(grant -> Mentions.NONE);
      case Message.SYSTEM -> Future.succeededFuture(Mentions.NONE);
      default -> Future.failedFuture(ApiError.INVALID_REQUEST.exception());
    };
    return allowed.compose(mentions -> store(caller, outgoing, kind, mentions, poll))
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /** Whom {@code content} may ping, given the sender's permissions. */
  static Mentions mentions(Grant grant, String content) {
    return Mentions.in(content).allowed(grant.has(Permission.MENTION_USERS), grant.has(Permission.MENTION_EVERYONE));
  }

  /** Stores and publishes the message, or answers the one an earlier send with its clientMsgId stored. */
  private Future<Message> store(Caller caller, Outgoing outgoing, String kind, Mentions mentions, JsonObject poll) {
    return MessageRepository.insert(inserts, caller.tenantId(), caller.userId(), outgoing, kind, mentions, poll)
      .recover(failure -> SqlErrors.isUniqueViolation(failure, "messages_client_msg_id")
        ? Future.succeededFuture(null) : Future.failedFuture(failure))
      .compose(stored -> {
        if (stored != null) {
          persisted.increment();
          // Persist, then publish: the statement has committed by the time it returns.
          events.publish(EventTypes.MESSAGE_NEW, stored);
          events.notifyMentioned(stored, null);
          events.pushToOffline(caller.tenantId(), stored);
          return Future.succeededFuture(stored);
        }
        return alreadySentOrRefused(caller, outgoing);
      });
  }

  private Future<Message> earlier(Caller caller, Outgoing outgoing) {
    return outgoing.clientMsgId() == null
      ? Future.succeededFuture(null)
      : MessageRepository.byClientMsgId(pool, caller.tenantId(), caller.userId(), outgoing.roomId(), outgoing.clientMsgId());
  }

  /**
   * Nothing was stored: this clientMsgId was used before (answer with that message), access is denied, a file
   * cannot be attached, or the message replied to is not in the room. Access is PostgreSQL's answer, as the insert's
   * was: memory may still count a member whose kick is on its way, which would explain nothing.
   */
  private Future<Message> alreadySentOrRefused(Caller caller, Outgoing outgoing) {
    return earlier(caller, outgoing).compose(message -> message != null
      ? Future.succeededFuture(message)
      : members.accessInDatabase(pool, caller, outgoing.roomId()).compose(Access::required)
        .compose(member -> outgoing.attachments().isEmpty() ? Future.succeededFuture(true)
          : MessageRepository.attachable(pool, caller.tenantId(), caller.userId(), outgoing.attachments()))
        .compose(attachable -> Future.failedFuture((!attachable ? ApiError.ATTACHMENT_UNAVAILABLE
          : outgoing.replyTo() != null ? ApiError.INVALID_REPLY : ApiError.INTERNAL).exception())));
  }

  private Future<JsonObject> sync(Caller caller, JsonObject body) {
    Map<Long, Long> cursors = cursors(body);
    if (cursors.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("rooms", new JsonObject()));
    }
    return Future.all(permissions.of(caller), MessageRepository.since(pool, caller.tenantId(), caller.userId(), cursors, SYNC_LIMIT + 1))
      .map(both -> {
        boolean seesDeactivated = both.<Grant>resultAt(0).seesDeactivated();
        JsonObject rooms = new JsonObject();
        both.<Map<Long, MessageRepository.Changes>>resultAt(1).forEach((roomId, changes) ->
          rooms.put(Long.toString(roomId), changed(changes, caller.userId(), seesDeactivated)));
        return new JsonObject().put("rooms", rooms);
      });
  }

  /**
   * One room's sync page. Its {@code cursor} is where the next sync starts: past the last change in the page when
   * there is more, else the room's change number, which covers every change committed when the page was read.
   * {@code readSeq}, {@code unread} and {@code mentions} are the caller's read state, so one round trip restores badges.
   */
  private static JsonObject changed(MessageRepository.Changes changes, long viewerId, boolean seesDeactivated) {
    List<Message> messages = changes.messages();
    boolean more = messages.size() > SYNC_LIMIT;
    List<Message> page = more ? messages.subList(0, SYNC_LIMIT) : messages;
    return page(page, more, viewerId, seesDeactivated).put("cursor", more ? page.get(page.size() - 1).changeSeq() : changes.roomChangeSeq())
      .put("readSeq", changes.readSeq()).put("unread", changes.unread()).put("mentions", changes.mentions());
  }

  private static Map<Long, Long> cursors(JsonObject body) {
    if (!(body.getValue("cursors") instanceof JsonObject cursors) || cursors.size() > MAX_SYNC_ROOMS) {
      throw ApiError.INVALID_REQUEST.exception();
    }
    Map<Long, Long> parsed = new LinkedHashMap<>();
    for (String roomId : cursors.fieldNames()) {
      parsed.put(Fields.id(roomId), Fields.optionalCount(cursors, roomId, 0, ApiError.INVALID_CURSOR));
    }
    return parsed;
  }

  /** Messages as {@code viewerId} sees them ({@link Message#toJsonFor}); {@link HistoryVerticle}'s pages too. */
  static JsonObject page(List<Message> messages, boolean more, long viewerId, boolean seesDeactivated) {
    return new JsonObject().put("messages", new JsonArray(messages.stream()
        .map(message -> message.toJsonFor(viewerId, seesDeactivated)).toList()))
      .put("more", more);
  }
}
