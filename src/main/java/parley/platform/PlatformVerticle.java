package parley.platform;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import parley.auth.Passwords;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.bus.Times;
import parley.service.ServiceVerticle;
import parley.session.SessionEvents;
import parley.session.SessionRepository;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantSettings;
import parley.tenant.TenantHosts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The platform's operators at work: signing in and out of the platform console, and what it shows of the tenants:
 * counts, never content (docs/tenancy.md). Operators are made from the command line ({@link AdminCli}).
 */
public class PlatformVerticle extends ServiceVerticle {

  private static final String OPERATOR = "SELECT id, username, password_hash FROM platform_operators WHERE username = $1";
  private static final String START = """
    INSERT INTO platform_sessions (id, operator_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))
    RETURNING expires_at""";
  private static final String LIVE = "SELECT operator_id FROM platform_sessions WHERE id = $1 AND expires_at > now()";
  private static final String END = "DELETE FROM platform_sessions WHERE id = $1";
  private static final String SUSPEND = "UPDATE tenants SET suspended_at = coalesce(suspended_at, now()) WHERE id = $1 RETURNING id";
  private static final String RESUME = "UPDATE tenants SET suspended_at = NULL, delete_after = NULL WHERE id = $1 RETURNING id";
  private static final String SCHEDULE_DELETION = """
    UPDATE tenants SET suspended_at = coalesce(suspended_at, now()),
                       delete_after = coalesce(delete_after, now() + make_interval(days => $2))
    WHERE id = $1 RETURNING id""";
  private static final String PEOPLE = """
    SELECT u.id, u.username, u.display_name, r.name AS role, u.deactivated_at IS NOT NULL AS deactivated
      FROM users u JOIN roles r ON r.id = u.role_id WHERE u.tenant_id = $1 ORDER BY lower(u.display_name), u.id""";
  // A DM has no name of its own: the platform sees that it exists, and how busy it is, never who wrote what.
  private static final String ROOMS = """
    SELECT r.id, r.kind, CASE WHEN r.kind = 'dm' THEN '' ELSE r.name END AS name, r.private,
           (SELECT count(*) FROM room_members m WHERE m.room_id = r.id) AS members,
           (SELECT count(*) FROM messages m WHERE m.room_id = r.id AND m.deleted_at IS NULL) AS messages
      FROM rooms r WHERE r.tenant_id = $1 ORDER BY r.kind, lower(r.name), r.id""";
  private static final String EXISTS = "SELECT 1 FROM tenants WHERE id = $1";

  /** Where a single-organisation install lives: suspended perhaps, deleted never. */
  private static final long DEFAULT_TENANT = 1;

  private Passwords passwords;
  private OutsideChanges outsideChanges;

  @Override
  protected void serveAll() {
    passwords = new Passwords(vertx, settings.bcryptCost());
    startsAfter(OutsideChanges.listen(vertx, settings.databaseUrl()).onSuccess(listening -> outsideChanges = listening));
    serve(Addresses.PLATFORM_LOGIN, this::login);
    serve(Addresses.PLATFORM_LIVE, message -> pool.preparedQuery(LIVE).execute(Tuple.of(sessionId(message)))
      .map(rows -> rows.size() == 0 ? new JsonObject().put("live", false)
        : new JsonObject().put("live", true).put("operatorId", rows.iterator().next().getLong("operator_id"))));
    serve(Addresses.PLATFORM_LOGOUT, message -> {
      UUID sessionId = sessionId(message);
      return pool.preparedQuery(END).execute(Tuple.of(sessionId)).map(ended -> {
        vertx.eventBus().publish(Addresses.PLATFORM_SESSION_ENDED, new JsonObject().put("sessionId", sessionId.toString()));
        return new JsonObject().put("loggedOut", true);
      });
    });
    serve(Addresses.PLATFORM_TENANTS, this::tenants);
    serve(Addresses.PLATFORM_PEOPLE, this::people);
    serve(Addresses.PLATFORM_ROOMS, this::rooms);
    serve(Addresses.PLATFORM_CREATE, this::create);
    serve(Addresses.PLATFORM_UPDATE, this::update);
    serve(Addresses.PLATFORM_SUSPEND, message -> change(message, SUSPEND, Tuple::of, true));
    serve(Addresses.PLATFORM_RESUME, message -> change(message, RESUME, Tuple::of, false));
    serve(Addresses.PLATFORM_DELETE, message -> change(message, SCHEDULE_DELETION,
      tenantId -> {
        if (tenantId == DEFAULT_TENANT) {
          throw ApiError.DEFAULT_TENANT.exception();
        }
        return Tuple.of(tenantId, settings.tenantDeletionGraceDays());
      }, true));
  }

  /**
   * Suspends, resumes or schedules the deletion of a tenant, as an operator (checked first). Whatever leaves it
   * suspended ends its sessions in the same transaction, under the lock of the tenant's row that every session start
   * shares, and every node then closes their sockets and refuses their tokens.
   */
  private Future<JsonObject> change(Message<Object> message, String statement, LongFunction<Tuple> parameters, boolean suspends) {
    Operator.of(message);
    long tenantId = tenantId(message);
    Tuple tuple = parameters.apply(tenantId);
    return pool.withTransaction(tx -> tx.preparedQuery(statement).execute(tuple).compose(changed -> {
        if (changed.size() == 0) {
          return Future.failedFuture(ApiError.TENANT_NOT_FOUND.exception());
        }
        return suspends ? SessionRepository.endAllOfTenant(tx, tenantId) : Future.succeededFuture(Map.<Long, List<String>>of());
      }))
      .onSuccess(ended -> ended.forEach((userId, sessions) -> SessionEvents.ended(vertx.eventBus(), tenantId, userId, sessions)))
      .compose(ended -> TenantRows.one(vertx, pool, tenantId));
  }

  /** A new tenant, whole or not at all; every node then forgets the host names it resolved. */
  private Future<JsonObject> create(Message<Object> message) {
    Operator.of(message);
    TenantForm form = TenantForm.toCreate(Services.body(message));
    return pool.withTransaction(tx -> TenantChanges.create(tx, form))
      .onSuccess(tenantId -> {
        hostsChanged();
        EffectiveSettings.changed(vertx.eventBus());
      })
      .compose(tenantId -> TenantRows.one(vertx, pool, tenantId));
  }

  private Future<JsonObject> update(Message<Object> message) {
    Operator.of(message);
    long tenantId = tenantId(message);
    if (!(Services.body(message).getValue("change") instanceof JsonObject change)) {
      throw ApiError.INVALID_JSON.exception();
    }
    TenantForm form = TenantForm.toUpdate(change);
    return pool.withTransaction(tx -> TenantChanges.update(tx, tenantId, form).compose(own -> passwordsEnded(own, form)
        ? SessionRepository.endLocalAccountsOfTenant(tx, tenantId) : Future.succeededFuture(Map.<Long, List<String>>of())))
      .onSuccess(ended -> {
        if (form.domains() != null) {
          hostsChanged();
        }
        if (form.settings() != null) {
          EffectiveSettings.changed(vertx.eventBus());
        }
        ended.forEach((userId, sessions) -> SessionEvents.ended(vertx.eventBus(), tenantId, userId, sessions));
      })
      .compose(done -> TenantRows.one(vertx, pool, tenantId));
  }

  /**
   * Whether the change gave the tenant a provider that alone signs people in: its own accounts' sessions end then, as
   * their passwords stop working, so that nobody stays signed in by a way the organisation has closed.
   */
  private boolean passwordsEnded(TenantSettings own, TenantForm form) {
    return own != null && form.settings().containsKey("identity") && !own.effective(settings).identity().localAccounts();
  }

  private void hostsChanged() {
    TenantHosts.changed(vertx.eventBus());
  }

  /** The tenant's people, and who of them is connected now, as presence knows across nodes. */
  private Future<JsonObject> people(Message<Object> message) {
    Operator.of(message);
    long tenantId = tenantId(message);
    return existing(tenantId).compose(found -> pool.preparedQuery(PEOPLE).execute(Tuple.of(tenantId))).compose(rows -> {
      JsonArray ids = new JsonArray();
      rows.forEach(row -> ids.add(Long.toString(row.getLong("id"))));
      return vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_CONNECTED_AMONG, new JsonObject().put("userIds", ids),
          Caller.tenantOnly(tenantId))
        .map(answer -> answer.body().getJsonArray("connected"))
        .map(connected -> {
          JsonArray people = new JsonArray();
          rows.forEach(row -> people.add(new JsonObject().put("id", Long.toString(row.getLong("id")))
            .put("username", row.getString("username")).put("displayName", row.getString("display_name"))
            .put("role", row.getString("role")).put("deactivated", row.getBoolean("deactivated"))
            .put("online", connected.contains(Long.toString(row.getLong("id"))))));
          return new JsonObject().put("people", people);
        });
    });
  }

  private Future<JsonObject> rooms(Message<Object> message) {
    Operator.of(message);
    long tenantId = tenantId(message);
    return existing(tenantId).compose(found -> pool.preparedQuery(ROOMS).execute(Tuple.of(tenantId))).map(rows -> {
      JsonArray rooms = new JsonArray();
      rows.forEach(row -> rooms.add(new JsonObject().put("id", Long.toString(row.getLong("id"))).put("kind", row.getString("kind"))
        .put("name", row.getString("name")).put("private", row.getBoolean("private"))
        .put("members", row.getLong("members")).put("messages", row.getLong("messages"))));
      return new JsonObject().put("rooms", rooms);
    });
  }

  private Future<Void> existing(long tenantId) {
    return pool.preparedQuery(EXISTS).execute(Tuple.of(tenantId)).compose(rows -> rows.size() == 1 ? Future.succeededFuture()
      : Future.failedFuture(ApiError.TENANT_NOT_FOUND.exception()));
  }

  private static long tenantId(Message<Object> message) {
    Object id = Services.body(message).getValue("tenantId");
    if (id instanceof String text && text.matches(Addresses.ID_REGEX)) {
      return Long.parseLong(text);
    }
    throw ApiError.TENANT_NOT_FOUND.exception();
  }

  /** The same answer, and the same time taken, whether the name or the password was wrong. */
  private Future<JsonObject> login(Message<Object> message) {
    JsonObject body = Services.body(message);
    String username = Fields.string(body, "username", ApiError.INVALID_CREDENTIALS);
    String password = Fields.string(body, "password", ApiError.INVALID_CREDENTIALS);
    return pool.preparedQuery(OPERATOR).execute(Tuple.of(username)).compose(rows -> {
      Row operator = rows.size() == 0 ? null : rows.iterator().next();
      return passwords.matches(password, operator == null ? null : operator.getString("password_hash")).compose(matches -> {
        if (!matches) {
          return Future.failedFuture(ApiError.INVALID_CREDENTIALS.exception());
        }
        UUID sessionId = UUID.randomUUID();
        return pool.preparedQuery(START).execute(Tuple.of(sessionId, operator.getLong("id"), settings.jwtTtlHours()))
          .map(started -> new JsonObject().put("sessionId", sessionId.toString())
            .put("expiresAt", Times.iso(started.iterator().next().getOffsetDateTime("expires_at")))
            .put("operator", new JsonObject().put("id", Long.toString(operator.getLong("id"))).put("username", operator.getString("username"))));
      });
    });
  }

  private Future<JsonObject> tenants(Message<Object> message) {
    Operator.of(message);
    return TenantRows.all(vertx, pool).map(tenants -> new JsonObject().put("tenants", tenants));
  }

  @Override
  public Future<?> stop() {
    return (outsideChanges == null ? Future.succeededFuture() : outsideChanges.close()).compose(closed -> super.stop());
  }

  private static UUID sessionId(Message<Object> message) {
    try {
      return UUID.fromString(Fields.string(Services.body(message), "sessionId", ApiError.UNAUTHENTICATED));
    } catch (IllegalArgumentException notAnId) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
  }
}
