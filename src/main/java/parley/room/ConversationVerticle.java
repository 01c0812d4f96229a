package parley.room;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.auth.Person;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Permission;
import parley.service.ServiceVerticle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Direct messages and groups: a DM is made on first use and found again after that; a group is made each time.
 * Both need {@code send_messages}, and each new one spends the maker's {@link Budget#CONVERSATIONS}. Every member hears
 * {@code conversation.created} on their {@code user.<id>}.
 */
public class ConversationVerticle extends ServiceVerticle {

  static final int MIN_GROUP = 3;
  static final int MAX_GROUP = 50;

  private RateLimiter budget;

  @Override
  protected void serveAll() {
    budget = Budget.CONVERSATIONS.limiter(vertx, settings);
    serve(Addresses.CONVERSATION_DM, this::dm);
    serve(Addresses.CONVERSATION_GROUP, this::group);
  }

  /** The DM found again spends nothing: opening it is how clients go back to it. */
  private Future<JsonObject> dm(Message<Object> message) {
    Caller caller = Caller.of(message);
    long otherId = Fields.id(Services.body(message).getValue("userId"));
    if (otherId == caller.userId()) {
      throw ApiError.DM_WITH_SELF.exception();
    }
    return permissions.require(caller, Permission.SEND_MESSAGES)
      .compose(grant -> ConversationRepository.users(pool, caller.tenantId(), List.of(caller.userId(), otherId)))
      .compose(people -> people.size() < 2
        ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
        : ConversationRepository.dm(pool, caller.tenantId(), caller.userId(), otherId).compose(existing -> existing != null
          ? found(caller, existing)
          : budget.spend(Long.toString(caller.userId())).compose(spent -> newDm(caller, otherId, people))));
  }

  /** Found rather than made when the other person made it a moment ago: one DM per pair, whoever asks first. */
  private Future<JsonObject> newDm(Caller caller, long otherId, List<Person> people) {
    return pool.withTransaction(tx -> ConversationRepository.insertDm(tx, caller.tenantId(), caller.userId(), otherId))
      .compose(created -> created != null
        ? Future.succeededFuture(announce(created.withMembers(people)).put("created", true))
        : ConversationRepository.dm(pool, caller.tenantId(), caller.userId(), otherId).compose(existing -> found(caller, existing)));
  }

  private Future<JsonObject> found(Caller caller, Room existing) {
    return RoomRepository.withMembers(pool, caller.tenantId(), existing)
      .map(room -> new JsonObject().put("room", room.toJson()).put("created", false));
  }

  private Future<JsonObject> group(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    List<Long> memberIds = memberIds(caller, body.getValue("userIds"));
    String name = RoomNames.groupName(Fields.optionalString(body, "name", ApiError.INVALID_GROUP_NAME));
    return permissions.require(caller, Permission.SEND_MESSAGES)
      .compose(grant -> ConversationRepository.users(pool, caller.tenantId(), memberIds))
      .compose(people -> people.size() < memberIds.size()
        ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
        : budget.spend(Long.toString(caller.userId()))
          .compose(spent -> pool.withTransaction(tx ->
            ConversationRepository.insertGroup(tx, caller.tenantId(), caller.userId(), name, memberIds)))
          .map(created -> announce(created.withMembers(people))));
  }

  /** The caller and the ids asked for, each once, in the order given; the size limits count the caller. */
  private static List<Long> memberIds(Caller caller, Object value) {
    if (!(value instanceof JsonArray ids)) {
      throw ApiError.INVALID_REQUEST.exception();
    }
    if (ids.size() >= MAX_GROUP * 4) {
      throw ApiError.GROUP_TOO_LARGE.exception();
    }
    Set<Long> members = new LinkedHashSet<>();
    members.add(caller.userId());
    ids.forEach(id -> members.add(Fields.id(id)));
    if (members.size() < MIN_GROUP) {
      throw ApiError.GROUP_TOO_SMALL.exception();
    }
    if (members.size() > MAX_GROUP) {
      throw ApiError.GROUP_TOO_LARGE.exception();
    }
    return List.copyOf(members);
  }

  /** Tells every member, the creator too (for their other tabs and devices), once the room is committed. */
  private JsonObject announce(Room room) {
    RoomEvents.conversationCreated(vertx.eventBus(), room);
    return new JsonObject().put("room", room.toJson());
  }
}
