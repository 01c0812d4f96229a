package parley.presence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.message.Emoji;
import parley.metrics.ParleyMetrics;
import parley.role.Permission;
import parley.service.ServiceVerticle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is online. The bridge reports each socket opening, living (its pings) and closing; clients report idleness
 * ({@code presence.heartbeat}) and choose dnd or vacation ({@code presence.set}), which is kept in PostgreSQL
 * ({@link ChosenStatuses}) so that no restart forgets it. Changes are gathered for a moment and announced only when
 * someone's presence as others see it changed, so a second tab, a quick reconnect or a storm of them announces
 * nothing, or once per person; each round goes to the bridges as one event per tenant, and they tell only the
 * connections watching those people ({@code presence.watch}), each in one frame for the round, so a change costs what
 * its watchers do, not what the whole tenant does. The platform's operators hear from the same rounds who of a tenant
 * connected or left, and how many are online ({@link OperatorNews}).
 */
public class PresenceVerticle extends ServiceVerticle {

  static final long ANNOUNCE_EVERY_MS = 1000;
  /** The most people one connection watches at once ({@code presence.watch}). */
  public static final int MAX_WATCHED = 1000;
  static final int MAX_TEXT = 100;
  private static final String USERS =
    "SELECT id, deactivated_at IS NOT NULL AS deactivated FROM users WHERE tenant_id = $1 ORDER BY id";
  private static final String USER = "SELECT id FROM users WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL";
  private static final Set<String> CHOSEN = Set.of(Presence.ONLINE, Presence.DND, Presence.VACATION);

  private PresenceStore store;
  private ChosenStatuses chosen;
  private OperatorNews operators;
  private long ttlMillis;
  private long offlineDelayMillis;
  private final Map<Long, Set<Long>> changed = new HashMap<>();
  /** When someone's connection last closed here, until what others see of them has been announced. */
  private final Map<Long, Long> droppedAt = new HashMap<>();

  @Override
  protected void serveAll() {
    store = MeteredPresenceStore.of(settings.redisUrl().isBlank() ? new MemoryPresenceStore()
      : new RedisPresenceStore(vertx, settings.redisUrl(), settings.redisKeyPrefix()), ParleyMetrics.of(vertx));
    chosen = new ChosenStatuses(pool, store);
    operators = new OperatorNews(store, vertx.eventBus());
    ttlMillis = settings.presenceTtlSeconds() * 1000L;
    offlineDelayMillis = settings.presenceOfflineDelaySeconds() * 1000L;
    serve(Addresses.PRESENCE_CONNECTED, message -> touch(Caller.of(message), Services.body(message), false));
    serve(Addresses.PRESENCE_ALIVE, message -> touch(Caller.of(message), Services.body(message), null));
    serve(Addresses.PRESENCE_DISCONNECTED, message -> disconnected(Caller.of(message), Services.body(message)));
    serve(Addresses.PRESENCE_HEARTBEAT, message -> heartbeat(message));
    serve(Addresses.PRESENCE_SET, message -> set(Caller.of(message), Services.body(message)));
    serveAsIs(Addresses.PRESENCE_LIST, message -> list(Caller.of(message)));
    serveAsIs(Addresses.PRESENCE_WATCH, message -> watch(Caller.of(message), Services.body(message)));
    serve(Addresses.PRESENCE_CONNECTED_AMONG, this::connectedAmong);
    serve(Addresses.PRESENCE_ONLINE_COUNTS, this::onlineCounts);
    serve(Addresses.PRESENCE_PROVIDER_VACATION, this::providerVacation);
    serve(Addresses.PRESENCE_END_PROVIDER_VACATION, this::endProviderVacation);
    vertx.eventBus().<JsonObject>consumer(Addresses.USER_DEACTIVATED, message -> forget(message.body()));
    vertx.setPeriodic(ANNOUNCE_EVERY_MS, tick -> announce());
    vertx.setPeriodic(Math.max(1000, ttlMillis / 3), tick -> sweep());
  }

  private Future<JsonObject> touch(Caller caller, JsonObject body, Boolean idle) {
    return touch(caller, Fields.string(body, "connectionId", ApiError.INVALID_REQUEST), idle);
  }

  /** The connection lives for another time to live; a null {@code idle} keeps what it was. */
  private Future<JsonObject> touch(Caller caller, String connectionId, Boolean idle) {
    return store.touch(caller.tenantId(), caller.userId(), connectionId, idle, System.currentTimeMillis() + ttlMillis)
      .map(done -> changed(caller));
  }

  private Future<JsonObject> disconnected(Caller caller, JsonObject body) {
    String connectionId = Fields.string(body, "connectionId", ApiError.INVALID_REQUEST);
    return store.drop(caller.tenantId(), caller.userId(), connectionId).map(done -> {
      droppedAt.put(caller.userId(), System.currentTimeMillis());
      return changed(caller);
    });
  }

  /** {@code {idle}} from a client, through the bridge, which names the connection. */
  private Future<JsonObject> heartbeat(io.vertx.core.eventbus.Message<Object> message) {
    Caller caller = Caller.of(message);
    String connectionId = message.headers().get(Caller.CONNECTION_HEADER);
    if (connectionId == null) {
      return Future.failedFuture(ApiError.INVALID_REQUEST.exception());
    }
    boolean idle = Fields.optionalBoolean(Services.body(message), "idle", false);
    return touch(caller, connectionId, idle).recover(failure -> Future.failedFuture(ApiError.UNAVAILABLE.exception()));
  }

  /**
   * One's own status; or, with {@code userId} and {@code manage_presence}, someone else's vacation: {@code vacation}
   * to set it, {@code online} to clear it (do-not-disturb stays each person's own choice).
   */
  private Future<JsonObject> set(Caller caller, JsonObject body) {
    Object userId = body.getValue("userId");
    if (userId == null || Fields.id(userId) == caller.userId()) {
      return choose(caller, caller.userId(), body);
    }
    long otherId = Fields.id(userId);
    if (Presence.DND.equals(body.getValue("state"))) {
      return Future.failedFuture(ApiError.INVALID_PRESENCE.exception());
    }
    return permissions.require(caller, Permission.MANAGE_PRESENCE)
      .compose(grant -> pool.preparedQuery(USER).execute(Tuple.of(caller.tenantId(), otherId)))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
        : choose(caller, otherId, body));
  }

  /**
   * What {@code caller} chose for {@code userId} (themselves, or someone they put on vacation), kept before anyone is
   * told; the reply's state is {@code unknown} when it was kept but the presence store cannot be reached.
   */
  private Future<JsonObject> choose(Caller caller, long userId, JsonObject body) {
    String state = Fields.string(body, "state", ApiError.INVALID_PRESENCE);
    String text = Fields.optionalString(body, "text", ApiError.INVALID_PRESENCE);
    String emoji = Fields.optionalString(body, "emoji", ApiError.INVALID_PRESENCE);
    String shownEmoji = emoji == null || emoji.isEmpty() ? null : Emoji.normalize(emoji).orElse("");
    if (!CHOSEN.contains(state) || text != null && (text.codePointCount(0, text.length()) > MAX_TEXT
      || text.chars().anyMatch(Character::isISOControl)) || "".equals(shownEmoji)) {
      return Future.failedFuture(ApiError.INVALID_PRESENCE.exception());
    }
    Status status = new Status(state, text == null || text.isBlank() ? null : text.strip(), shownEmoji);
    Presence unknown = new Presence(userId, Presence.UNKNOWN, status.text(), status.emoji(), false);
    return chosen.choose(caller.tenantId(), userId, status, caller.userId())
      .compose(told -> told ? presenceOf(caller.tenantId(), userId).otherwise(unknown) : Future.succeededFuture(unknown))
      .map(presence -> {
        changed(caller.tenantId(), userId);
        return new JsonObject().put("presence", presence.toJson());
      });
  }

  /** The identity provider's vacation, asked by the identity service once it knows the user. */
  private Future<JsonObject> providerVacation(io.vertx.core.eventbus.Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    JsonObject body = Services.body(message);
    long userId = Fields.id(body.getValue("userId"));
    ProviderVacation vacation = ProviderVacation.fromJson(body);
    return chosen.provide(tenantId, userId, vacation.text(), vacation.until()).map(told -> {
      changed(tenantId, userId);
      return new JsonObject().put("ok", true);
    });
  }

  private Future<JsonObject> endProviderVacation(io.vertx.core.eventbus.Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    long userId = Fields.id(Services.body(message).getValue("userId"));
    return chosen.unprovide(tenantId, userId).map(told -> {
      changed(tenantId, userId);
      return new JsonObject().put("ok", true);
    });
  }

  /**
   * A deactivated person's status goes, and their connections have closed with their sessions: they are announced
   * offline to those watching, like anyone who left.
   */
  private void forget(JsonObject deactivated) {
    Caller caller = new Caller(Long.parseLong(deactivated.getString("userId")), Long.parseLong(deactivated.getString("tenantId")));
    store.setStatus(caller.tenantId(), caller.userId(), Status.DEFAULT).onSuccess(done -> changed(caller));
  }

  /** Everyone in the tenant, the deactivated as offline; while the store cannot be reached, each as {@code unknown}. */
  private Future<JsonObject> list(Caller caller) {
    return pool.preparedQuery(USERS).execute(Tuple.of(caller.tenantId()))
      .compose(rows -> {
        List<Long> userIds = ids(rows);
        Set<Long> deactivated = new HashSet<>();
        rows.forEach(row -> {
          if (row.getBoolean("deactivated")) {
            deactivated.add(row.getLong("id"));
          }
        });
        return users(userIds, store.snapshot(caller.tenantId(), System.currentTimeMillis())
          .compose(snapshot -> chosen.complete(caller.tenantId(), snapshot))
          .map(snapshot -> presencesIn(snapshot, userIds).stream()
            .map(presence -> deactivated.contains(presence.userId()) ? Presence.offline(presence.userId()) : presence)
            .map(Presence::toJson).toList()));
      });
  }

  /**
   * The people a connection watches, as last announced (one read of the store, however many they are): the bridge
   * has already started telling it their announcements, so nothing falls between. Someone never announced is as their
   * chosen status leaves them without a connection (offline, or on vacation), read only for them; an id of nobody in
   * the caller's tenant is offline, since the store is read in that tenant alone (and the bridge never matches another
   * tenant's announcements): a watch tells nothing of who exists elsewhere.
   */
  private Future<JsonObject> watch(Caller caller, JsonObject body) {
    List<Long> asked = Fields.ids(body.getValue("userIds"), MAX_WATCHED, ApiError.INVALID_WATCH);
    return users(asked, store.announced(caller.tenantId(), asked).compose(announced -> {
      List<Long> neverAnnounced = asked.stream().filter(id -> !announced.containsKey(id)).toList();
      return chosen.of(caller.tenantId(), neverAnnounced).map(statuses -> asked.stream()
        .map(id -> announced.containsKey(id) ? new JsonObject(announced.get(id)) : Presence.of(id, statuses.of(id), List.of()).toJson())
        .toList());
    }));
  }

  private static List<Long> ids(RowSet<Row> rows) {
    List<Long> userIds = new ArrayList<>();
    rows.forEach(row -> userIds.add(row.getLong("id")));
    return userIds;
  }

  /** {@code {users}} as read, in the order given; each {@code unknown} while the store cannot be reached. */
  private static Future<JsonObject> users(List<Long> userIds, Future<List<JsonObject>> read) {
    return read.otherwise(failure -> userIds.stream().map(id -> Presence.unknown(id).toJson()).toList())
      .map(users -> new JsonObject().put("users", new JsonArray(users)));
  }

  /**
   * {@code {userIds}} from another service: answers {@code {connected}}, those of them with a live connection on any
   * node; {@code 503 unavailable} while the store cannot tell.
   */
  private Future<JsonObject> connectedAmong(io.vertx.core.eventbus.Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    if (!(Services.body(message).getValue("userIds") instanceof JsonArray ids)) {
      return Future.failedFuture(ApiError.INVALID_REQUEST.exception());
    }
    Set<Long> userIds = new HashSet<>();
    ids.forEach(id -> userIds.add(Fields.id(id)));
    return store.of(tenantId, userIds, System.currentTimeMillis())
      .recover(failure -> Future.failedFuture(ApiError.UNAVAILABLE.exception()))
      .map(snapshot -> new JsonObject().put("connected", new JsonArray(userIds.stream()
        .filter(id -> !snapshot.connections().getOrDefault(id, List.of()).isEmpty()).map(id -> Long.toString(id)).toList())));
  }

  /** {@code {tenantIds}} from the platform: answers {@code {online: {<tenantId>: n}}}; never asked from the bridge. */
  private Future<JsonObject> onlineCounts(io.vertx.core.eventbus.Message<Object> message) {
    List<Long> tenantIds = Fields.ids(Services.body(message).getValue("tenantIds"), Integer.MAX_VALUE, ApiError.INVALID_REQUEST);
    return store.onlineCounts(tenantIds)
      .recover(failure -> Future.failedFuture(ApiError.UNAVAILABLE.exception()))
      .map(counts -> {
        JsonObject online = new JsonObject();
        counts.forEach((tenantId, count) -> online.put(Long.toString(tenantId), count));
        return new JsonObject().put("online", online);
      });
  }

  private Future<Presence> presenceOf(long tenantId, long userId) {
    return presences(tenantId, Set.of(userId)).map(all -> all.get(0));
  }

  private Future<List<Presence>> presences(long tenantId, Set<Long> userIds) {
    return store.of(tenantId, userIds, System.currentTimeMillis()).compose(snapshot -> chosen.complete(tenantId, snapshot))
      .map(snapshot -> presencesIn(snapshot, userIds));
  }

  private static List<Presence> presencesIn(PresenceStore.Snapshot snapshot, Collection<Long> userIds) {
    return userIds.stream().map(id -> Presence.of(id, snapshot.statuses().of(id), snapshot.connections().getOrDefault(id, List.of())))
      .toList();
  }

  private JsonObject changed(Caller caller) {
    changed(caller.tenantId(), caller.userId());
    return new JsonObject().put("ok", true);
  }

  private void changed(long tenantId, long userId) {
    changed.computeIfAbsent(tenantId, t -> new HashSet<>()).add(userId);
  }

  private void sweep() {
    store.sweep(System.currentTimeMillis())
      .onSuccess(lost -> lost.forEach((tenantId, users) -> changed.computeIfAbsent(tenantId, t -> new HashSet<>()).addAll(users)));
    chosen.expire()
      .onSuccess(ended -> ended.forEach((tenantId, users) -> changed.computeIfAbsent(tenantId, t -> new HashSet<>()).addAll(users)));
  }

  /**
   * Announces what changed since the last round, once per person, and only what others would see differently.
   * Someone whose last connection closed is offline for others only once they have stayed away for the delay: a
   * reload, a dropped network or a reconnect storm then announces nothing at all.
   */
  private void announce() {
    chosen.tellUntold().onSuccess(told -> told.forEach((tenantId, users) -> users.forEach(userId -> changed(tenantId, userId))));
    Map<Long, Set<Long>> round = new HashMap<>(changed);
    changed.clear();
    round.forEach((tenantId, users) -> presences(tenantId, users).compose(all -> {
      long now = System.currentTimeMillis();
      List<Presence> presences = new ArrayList<>();
      for (Presence presence : all) {
        Long dropped = droppedAt.get(presence.userId());
        if (dropped != null && presence.state().equals(Presence.OFFLINE) && now - dropped < offlineDelayMillis) {
          changed.computeIfAbsent(tenantId, t -> new HashSet<>()).add(presence.userId());
        } else {
          droppedAt.remove(presence.userId());
          presences.add(presence);
        }
      }
      Map<Long, String> states = new HashMap<>();
      presences.forEach(presence -> states.put(presence.userId(), presence.toJson().encode()));
      return store.announce(tenantId, states).map(changedNow -> {
        operators.tell(tenantId, presences);
        JsonArray announced = new JsonArray(presences.stream().filter(presence -> changedNow.contains(presence.userId()))
          .map(Presence::toJson).toList());
        if (!announced.isEmpty()) {
          vertx.eventBus().publish(Addresses.PRESENCE_CHANGED,
            new JsonObject().put("tenantId", Long.toString(tenantId)).put("users", announced));
        }
        return null;
      });
    }).onFailure(failure -> changed.computeIfAbsent(tenantId, t -> new HashSet<>()).addAll(users)));
  }

  @Override
  public Future<?> stop() {
    return store.close().compose(done -> super.stop());
  }
}
