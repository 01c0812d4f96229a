package parley.message;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.role.Permission;
import parley.room.Access;
import parley.room.RoomMembers;
import parley.service.ServiceVerticle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code poll.vote} and {@code poll.close}. Votes for one poll are gathered for up to {@link #BATCH_MILLIS} and
 * counted together in one transaction: one change number and one {@code poll.updated} for all of them, so a busy
 * poll costs the room at most four changes a second (per node) however many vote, and every change number still
 * reaches clients in exactly one event. A vote is answered once its batch has committed.
 */
public class PollVerticle extends ServiceVerticle {

  static final long BATCH_MILLIS = 250;

  private record Vote(Caller caller, Set<Integer> optionIds, int given, Promise<Message> answer) {
  }

  /** Votes are gathered per poll; the tenant is part of the key, so a stranger's vote cannot decide what others see. */
  private record PollKey(long tenantId, long messageId) {
  }

  /** What counting one batch came to. */
  private static final class Count {
    final Map<Vote, ApiError> refused = new HashMap<>();
    boolean changed;
    Message after;
  }

  private HistoryEvents events;
  private RoomMembers members;
  private final Map<PollKey, List<Vote>> waiting = new HashMap<>();
  private final Map<PollKey, Long> lastCounted = new HashMap<>();

  @Override
  protected void serveAll() {
    events = new HistoryEvents(vertx, pool);
    members = RoomMembers.of(vertx);
    serve(Addresses.POLL_VOTE, message -> vote(Caller.of(message), Services.body(message)));
    serve(Addresses.POLL_CLOSE, message -> close(Caller.of(message), Services.body(message)));
  }

  private Future<JsonObject> vote(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    if (!(body.getValue("optionIds") instanceof JsonArray given) || given.size() > PollDraft.MAX_OPTIONS
      || given.stream().anyMatch(id -> !(id instanceof Integer))) {
      throw ApiError.INVALID_VOTE.exception();
    }
    Set<Integer> optionIds = new HashSet<>();
    given.forEach(id -> optionIds.add((Integer) id));
    Vote vote = new Vote(caller, optionIds, given.size(), Promise.promise());
    PollKey key = new PollKey(caller.tenantId(), messageId);
    List<Vote> batch = waiting.computeIfAbsent(key, id -> new ArrayList<>());
    batch.add(vote);
    if (batch.size() == 1) {
      long since = System.currentTimeMillis() - lastCounted.getOrDefault(key, 0L);
      vertx.setTimer(Math.max(1, BATCH_MILLIS - since), timer -> count(key));
    }
    return vote.answer().future().map(message -> message.asReplyTo(caller.userId()));
  }

  private void count(PollKey key) {
    List<Vote> batch = waiting.remove(key);
    long now = System.currentTimeMillis();
    lastCounted.put(key, now);
    if (lastCounted.size() > 10_000) {
      lastCounted.values().removeIf(at -> now - at > BATCH_MILLIS);
    }
    Count count = new Count();
    pool.withTransaction(sql -> ChangeRepository.lockRoom(sql, key.tenantId(), key.messageId())
        .compose(locked -> ChangeRepository.current(sql, key.tenantId(), key.messageId()))
        .compose(poll -> {
          count.after = poll;
          ApiError wrong = pollRefusal(poll);
          if (wrong != null) {
            batch.forEach(vote -> count.refused.put(vote, wrong));
            return Future.succeededFuture();
          }
          return tally(sql, key, poll, batch, count);
        }))
      .onSuccess(done -> {
        if (count.changed) {
          publish(count.after);
        }
        batch.forEach(vote -> {
          ApiError error = count.refused.get(vote);
          if (error != null) {
            vote.answer().fail(error.exception());
          } else {
            vote.answer().complete(count.after);
          }
        });
      })
      .onFailure(failure -> batch.forEach(vote -> vote.answer().fail(failure)));
  }

  /** Each voter's last valid choice in the batch replaces what they had; only real changes are written. */
  private Future<Void> tally(SqlClient sql, PollKey key, Message poll, List<Vote> batch, Count count) {
    Set<Long> voters = new HashSet<>();
    batch.forEach(vote -> voters.add(vote.caller().userId()));
    return PollRepository.members(sql, poll.roomId(), voters)
      .compose(members -> PollRepository.choices(sql, key.messageId(), voters).compose(before -> {
        Map<Long, Set<Integer>> choices = new LinkedHashMap<>();
        for (Vote vote : batch) {
          if (!members.contains(vote.caller().userId())) {
            count.refused.put(vote, ApiError.NOT_A_MEMBER);
          } else if (!Polls.accepts(poll.poll(), vote.optionIds(), vote.given())) {
            count.refused.put(vote, ApiError.INVALID_VOTE);
          } else {
            choices.put(vote.caller().userId(), vote.optionIds());
          }
        }
        choices.entrySet().removeIf(choice -> choice.getValue().equals(before.getOrDefault(choice.getKey(), Set.of())));
        if (choices.isEmpty()) {
          return Future.succeededFuture();
        }
        count.changed = true;
        return PollRepository.replace(sql, key.messageId(), choices)
          .compose(replaced -> ChangeRepository.current(sql, key.tenantId(), key.messageId()))
          .map(after -> {
            count.after = after;
            return null;
          });
      }));
  }

  private Future<JsonObject> close(Caller caller, JsonObject body) {
    long messageId = Fields.id(body.getValue("messageId"));
    return permissions.of(caller).compose(grant -> pool.withTransaction(sql ->
        ChangeRepository.lockRoom(sql, caller.tenantId(), messageId)
          .compose(locked -> ChangeRepository.current(sql, caller.tenantId(), messageId))
          .compose(poll -> poll == null ? Future.failedFuture(ApiError.MESSAGE_NOT_FOUND.exception())
            : members.accessInDatabase(sql, caller, poll.roomId()).compose(access -> {
              ApiError wrong = access != Access.MEMBER ? ApiError.NOT_A_MEMBER : pollKindRefusal(poll);
              if (wrong != null) {
                return Future.failedFuture(wrong.exception());
              }
              if (poll.author().id() != caller.userId() && !grant.has(Permission.DELETE_ANY_MESSAGE)) {
                return Future.failedFuture(ApiError.FORBIDDEN.exception());
              }
              if (Polls.isClosed(poll.poll(), Instant.now())) {
                return Future.succeededFuture((Message) null);
              }
              return PollRepository.close(sql, messageId).compose(closed -> ChangeRepository.current(sql, caller.tenantId(), messageId));
            }))))
      .compose(closed -> {
        if (closed != null) {
          publish(closed);
          return Future.succeededFuture(closed);
        }
        return ChangeRepository.current(pool, caller.tenantId(), messageId);
      })
      .map(message -> message.asReplyTo(caller.userId()));
  }

  /** Why no vote can count: the message is not an open poll (membership is checked per voter). */
  private static ApiError pollRefusal(Message poll) {
    if (poll == null) {
      return ApiError.MESSAGE_NOT_FOUND;
    }
    ApiError kind = pollKindRefusal(poll);
    return kind != null ? kind : Polls.isClosed(poll.poll(), Instant.now()) ? ApiError.POLL_CLOSED : null;
  }

  private static ApiError pollKindRefusal(Message poll) {
    return poll.deleted() ? ApiError.MESSAGE_DELETED : !Message.POLL.equals(poll.kind()) ? ApiError.NOT_A_POLL : null;
  }

  private void publish(Message poll) {
    JsonObject shown = poll.toJson().getJsonObject("poll");
    JsonObject extra = new JsonObject().put("messageId", Long.toString(poll.id()))
      .put("tallies", new JsonArray(shown.getJsonArray("options").stream()
        .map(option -> new JsonObject().put("optionId", ((JsonObject) option).getInteger("id"))
          .put("count", ((JsonObject) option).getInteger("count"))).toList()));
    if (!shown.getBoolean("anonymous")) {
      JsonObject voters = new JsonObject();
      shown.getJsonArray("options").forEach(option -> voters.put(((JsonObject) option).getInteger("id").toString(),
        ((JsonObject) option).getJsonArray("userIds")));
      extra.put("voters", voters);
    }
    events.publish(EventTypes.POLL_UPDATED, poll, extra);
  }
}
