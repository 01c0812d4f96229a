package parley.room;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.sqlclient.SqlClient;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.service.NodeLocal;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Who may use a room: the one place that decides it, for the bridge's registrations and for the services (typing,
 * commands, push settings, sends). One per node, shared by its event loops. Each room's tenant and members are read
 * in one query when first asked for ({@link KnownRooms} keeps them), then kept current by the membership events that
 * every node publishes after committing ({@link RoomEvents}). A member is answered from memory; a refusal only once
 * PostgreSQL confirms it (a join whose event has not arrived yet must not be refused), and a membership it confirms
 * is kept. Storing a message checks membership in its own statement all the same: a kick that races a send never
 * lets the send through.
 */
public final class RoomMembers implements Shareable {

  /** What a node's bridge hears of memberships that end, each once this node no longer counts it. */
  public interface Removals {
    void left(long roomId, long userId);

    void deleted(long roomId);
  }

  private record Listener(Context context, Removals removals) {
  }

  private final Vertx vertx;
  /** Package-private for tests, which look into it and put events between its reads and what they keep. */
  final KnownRooms known = new KnownRooms();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Promise<Void> listening = Promise.promise();

  RoomMembers(Vertx vertx) {
    this.vertx = vertx;
  }

  public static RoomMembers of(Vertx vertx) {
    RoomMembers members = NodeLocal.of(vertx, "room.members", () -> new RoomMembers(vertx));
    members.listen();
    return members;
  }

  /** Completes once this node hears the membership events of every node; until then PostgreSQL answers alone. */
  public Future<Void> listening() {
    return listening.future();
  }

  /**
   * The rooms someone may read now, for a statement over many rooms at once (search), by the rule {@link #access}
   * answers for one: the rooms they are a member of, in their own tenant. {@code $tenant} and {@code $user} name the
   * statement's parameters that hold them.
   */
  public static String readableRooms(String tenant, String user) {
    return "SELECT room_id FROM room_members WHERE tenant_id = " + tenant + " AND user_id = " + user;
  }

  /** The caller's access to the room: a member from memory, a refusal once PostgreSQL confirms it. */
  public Future<Access> access(SqlClient sql, Caller caller, long roomId) {
    return ask(sql, caller, Set.of(roomId)).map(answers -> answers.get(roomId));
  }

  /** Those of the rooms the caller is a member of, each decided as {@link #access} decides it. */
  public Future<Set<Long>> memberOf(SqlClient sql, Caller caller, Collection<Long> roomIds) {
    return ask(sql, caller, Set.copyOf(roomIds)).map(answers -> answers.entrySet().stream()
      .filter(answer -> answer.getValue() == Access.MEMBER).map(Map.Entry::getKey).collect(Collectors.toSet()));
  }

  /**
   * The room's members, read once and then kept current like every answer here; null when this node cannot say
   * (not listening to membership events yet, the room is gone, or of another tenant). A join whose event is still on
   * its way may be missing: for what can do without them for a moment, never for access.
   */
  public Future<Set<Long>> members(SqlClient sql, long tenantId, long roomId) {
    if (!listening.future().succeeded()) {
      return Future.succeededFuture(null);
    }
    KnownRooms.Known room = known.get(roomId);
    KnownRooms.Kept kept = room == null ? null : room.trusted(System.currentTimeMillis());
    if (kept != null) {
      return Future.succeededFuture(kept.tenantId() == tenantId ? Collections.unmodifiableSet(kept.members()) : null);
    }
    // A read another asker started completes on that asker's context: the answer comes back on this one's.
    Context context = vertx.getOrCreateContext();
    Promise<Set<Long>> answered = Promise.promise();
    known.read(sql, Set.of(roomId)).get(roomId).read().onComplete(read -> context.runOnContext(next -> {
      if (read.failed()) {
        answered.fail(read.cause());
        return;
      }
      KnownRooms.Known now = known.get(roomId);
      KnownRooms.Kept found = now == null ? null : now.trusted(System.currentTimeMillis());
      answered.complete(found != null && found.tenantId() == tenantId ? Collections.unmodifiableSet(found.members()) : null);
    }));
    return answered.future();
  }

  /**
   * PostgreSQL's answer alone, for what memory must not answer: why a statement that checks membership itself
   * refused (a member still in memory while their kick is on its way would be no explanation). What it says is kept.
   */
  public Future<Access> accessInDatabase(SqlClient sql, Caller caller, long roomId) {
    KnownRooms.Known room = known.get(roomId);
    long noted = room == null ? 0 : room.generation();
    return RoomRepository.access(sql, caller.tenantId(), caller.userId(), Set.of(roomId)).map(found -> {
      Access access = found.get(roomId);
      if (access == Access.MEMBER) {
        known.confirm(roomId, caller.userId(), room, noted);
      } else {
        known.forget(roomId, caller.userId());
      }
      return access;
    });
  }

  /**
   * Tells {@code removals}, on the caller's context, of each membership that ends, after this node stopped counting
   * it; answers how to stop. Whatever the caller read here before a removal, it is told of the removal after.
   */
  public Runnable onRemovals(Removals removals) {
    Listener listener = new Listener(vertx.getOrCreateContext(), removals);
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** On a context of its own, outside every deployment: the events are heard for as long as the node runs. */
  void listen() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    ((VertxInternal) vertx).createEventLoopContext().runOnContext(start -> {
      EventBus bus = vertx.eventBus();
      Future.all(
          bus.<JsonObject>consumer(Addresses.ROOM_MEMBERS_JOINED, event -> known.joined(Fields.id(event.body().getValue("roomId")),
            event.body().getJsonArray("userIds").stream().map(Fields::id).toList())).completion(),
          bus.<JsonObject>consumer(Addresses.ROOM_MEMBER_LEFT, event -> left(Fields.id(event.body().getValue("roomId")),
            Fields.id(event.body().getValue("userId")))).completion(),
          bus.<JsonObject>consumer(Addresses.ROOM_DELETED, event -> deleted(Fields.id(event.body().getValue("roomId")))).completion())
        .<Void>mapEmpty()
        .onComplete(listening);
    });
  }

  void left(long roomId, long userId) {
    known.left(roomId, userId);
    tell(removals -> removals.left(roomId, userId));
  }

  private void deleted(long roomId) {
    known.deleted(roomId);
    tell(removals -> removals.deleted(roomId));
  }

  private void tell(Consumer<Removals> removal) {
    listeners.forEach(listener -> listener.context().runOnContext(next -> removal.accept(listener.removals())));
  }

  private Future<Map<Long, Access>> ask(SqlClient sql, Caller caller, Set<Long> roomIds) {
    if (!listening.future().succeeded()) {
      return RoomRepository.access(sql, caller.tenantId(), caller.userId(), roomIds);
    }
    Question question = new Question(sql, caller, roomIds, vertx.getOrCreateContext());
    Map<Long, Access> answers = question.fromMemory();
    return answers != null ? Future.succeededFuture(answers) : question.answered.future();
  }

  /**
   * One question, answered on the asker's context, each member read from memory in the very task that answers: a
   * removal applied after that read is told to the asker's listeners after the answer, never before it.
   */
  private final class Question {
    private final SqlClient sql;
    private final Caller caller;
    private final Set<Long> roomIds;
    private final Context context;
    private final Promise<Map<Long, Access>> answered = Promise.promise();
    /** What PostgreSQL refused: final for this question. */
    private final Map<Long, Access> refused = new HashMap<>();
    /** Rooms a read found no trace of: only a check says more of them. */
    private final Set<Long> absent = new HashSet<>();

    Question(SqlClient sql, Caller caller, Set<Long> roomIds, Context context) {
      this.sql = sql;
      this.caller = caller;
      this.roomIds = roomIds;
      this.context = context;
    }

    /** The answers, or null when something must be read first; the question is asked again once it is. */
    Map<Long, Access> fromMemory() {
      long now = System.currentTimeMillis();
      Map<Long, Access> answers = new HashMap<>();
      Set<Long> toRead = new HashSet<>();
      Map<Long, KnownRooms.Known> toCheck = new HashMap<>();
      for (long roomId : roomIds) {
        KnownRooms.Known room = known.get(roomId);
        KnownRooms.Kept kept = room == null ? null : room.trusted(now);
        if (refused.containsKey(roomId)) {
          answers.put(roomId, refused.get(roomId));
        } else if (kept == null) {
          if (absent.contains(roomId)) {
            toCheck.put(roomId, null);
          } else {
            toRead.add(roomId);
          }
        } else if (kept.tenantId() != caller.tenantId()) {
          // A room never changes tenant: no need to ask.
          answers.put(roomId, Access.NO_ROOM);
        } else if (kept.members().contains(caller.userId())) {
          answers.put(roomId, Access.MEMBER);
        } else {
          toCheck.put(roomId, room);
        }
      }
      if (toRead.isEmpty() && toCheck.isEmpty()) {
        return answers;
      }
      readAndCheck(toRead, toCheck);
      return null;
    }

    private void readAndCheck(Set<Long> toRead, Map<Long, KnownRooms.Known> toCheck) {
      Map<Long, Long> noted = new HashMap<>();
      toCheck.forEach((roomId, room) -> noted.put(roomId, room == null ? 0 : room.generation()));
      Map<Long, KnownRooms.Known> reading = toRead.isEmpty() ? Map.of() : known.read(sql, toRead);
      Future<Void> read = Future.all(reading.values().stream().map(KnownRooms.Known::read).toList()).mapEmpty();
      Future<Map<Long, Access>> checked = toCheck.isEmpty() ? Future.succeededFuture(Map.of())
        : RoomRepository.access(sql, caller.tenantId(), caller.userId(), toCheck.keySet());
      Future.all(read, checked).onComplete(both -> context.runOnContext(next -> {
        if (both.failed()) {
          answered.fail(both.cause());
          return;
        }
        reading.forEach((roomId, room) -> {
          if (room.absent()) {
            absent.add(roomId);
          }
        });
        checked.result().forEach((roomId, access) -> {
          if (access != Access.MEMBER) {
            refused.put(roomId, access);
          } else if (!known.confirm(roomId, caller.userId(), toCheck.get(roomId), noted.get(roomId))) {
            // Kept nowhere yet (or a removal came meanwhile): read the room, or check again.
            absent.remove(roomId);
          }
        });
        Map<Long, Access> answers = fromMemory();
        if (answers != null) {
          answered.complete(answers);
        }
      }));
    }
  }
}
