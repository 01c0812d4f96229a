package parley.user;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import parley.auth.User;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.role.Permissions;
import parley.session.SessionEvents;
import parley.session.SessionRepository;

import java.util.List;

/**
 * Deactivating and reactivating someone, whoever asks (an admin with {@code manage_users}, or the identity provider):
 * deactivating ends every session of the person (their sockets close on every node), takes them out of the directory
 * and masks their name in what others see; their messages stay. Never the last superadmin. Doing it twice does nothing
 * more. Who may ask is the caller's to decide first.
 */
public final class Deactivation {

  private Deactivation() {
  }

  public static Future<Void> set(Vertx vertx, Pool pool, long tenantId, User target, boolean deactivated) {
    long userId = target.id();
    return pool.withTransaction(tx -> UserDirectory.lockTenantAndCountSuperadmins(tx, tenantId)
        .compose(superadmins -> deactivated && !target.deactivated() && "superadmin".equals(target.role()) && superadmins <= 1
          ? Future.failedFuture(ApiError.LAST_SUPERADMIN.exception())
          : UserDirectory.setDeactivated(tx, tenantId, userId, deactivated))
        .compose(set -> deactivated ? SessionRepository.endAll(tx, tenantId, userId, null) : Future.succeededFuture(List.<String>of())))
      .map(ended -> {
        SessionEvents.ended(vertx.eventBus(), tenantId, userId, ended);
        if (deactivated) {
          vertx.eventBus().publish(Addresses.USER_DEACTIVATED, new JsonObject().put("tenantId", Long.toString(tenantId))
            .put("userId", Long.toString(userId)));
        }
        changed(vertx, tenantId, userId);
        return null;
      });
  }

  /** Their permissions are looked up afresh, and every room they are in hears of them ({@code member.updated}). */
  static void changed(Vertx vertx, long tenantId, long userId) {
    Permissions.changed(vertx, new JsonObject().put("userId", Long.toString(userId)));
    vertx.eventBus().send(Addresses.USERS_CHANGED, new JsonObject().put("tenantId", Long.toString(tenantId))
      .put("userIds", new JsonArray().add(Long.toString(userId))));
  }
}
