package parley.announce;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.auth.Person;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.role.Grant;
import parley.role.Permission;
import parley.role.Permissions;

import java.util.List;

/**
 * Who may see an announcement, and how its reading goes: its sender and those with {@code manage_announcements}
 * see the counts and, paged by user id, who has not read it yet. Anyone else learns nothing, not even that it
 * exists, except a recipient, who is refused the counts.
 */
final class AnnouncementStats {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;

  private final SqlClient sql;
  private final Permissions permissions;

  AnnouncementStats(SqlClient sql, Permissions permissions) {
    this.sql = sql;
    this.permissions = permissions;
  }

  /** As a recipient (not withdrawn), its sender or a manager sees it; {@code 404} for anyone else. */
  static Future<Announcement> viewable(SqlClient sql, Permissions permissions, Caller caller, long announcementId) {
    return AnnouncementRepository.find(sql, caller.tenantId(), caller.userId(), announcementId).compose(found -> {
      if (found != null && found.recipient() && found.withdrawnAt() == null) {
        return Future.succeededFuture(found);
      }
      return managed(permissions, caller, found, ApiError.ANNOUNCEMENT_NOT_FOUND);
    });
  }

  /** Its sender or a manager: {@code 403} for a recipient, {@code 404} for anyone else. */
  static Future<Announcement> manageable(SqlClient sql, Permissions permissions, Caller caller, long announcementId) {
    return AnnouncementRepository.find(sql, caller.tenantId(), caller.userId(), announcementId).compose(found -> managed(
      permissions, caller, found, found != null && found.recipient() && found.withdrawnAt() == null
        ? ApiError.FORBIDDEN : ApiError.ANNOUNCEMENT_NOT_FOUND));
  }

  private static Future<Announcement> managed(Permissions permissions, Caller caller, Announcement found, ApiError refusal) {
    if (found == null) {
      return Future.failedFuture(ApiError.ANNOUNCEMENT_NOT_FOUND.exception());
    }
    if (found.senderId() == caller.userId()) {
      return Future.succeededFuture(found);
    }
    return permissions.of(caller).compose(grant -> grant.has(Permission.MANAGE_ANNOUNCEMENTS)
      ? Future.succeededFuture(found) : Future.failedFuture(refusal.exception()));
  }

  /** {@code {announcementId, after?, limit?}}: {@code {announcement, recipients, delivered, read, acknowledged, notRead, next}}. */
  Future<JsonObject> of(Caller caller, JsonObject body) {
    long announcementId = Fields.id(body.getValue("announcementId"));
    long after = Fields.optionalCount(body, "after", 0, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_PAGE, MAX_PAGE);
    return manageable(sql, permissions, caller, announcementId).compose(announcement -> Future.all(
        counts(sql, announcementId), AnnouncementRepository.notRead(sql, announcementId, after, limit + 1), permissions.of(caller))
      .map(all -> {
        boolean seesDeactivated = all.<Grant>resultAt(2).seesDeactivated();
        List<JsonObject> waiting = all.<List<Person>>resultAt(1).stream().map(person -> person.toJson(seesDeactivated)).toList();
        boolean more = waiting.size() > limit;
        List<JsonObject> page = more ? waiting.subList(0, limit) : waiting;
        return all.<JsonObject>resultAt(0).put("announcement", announcement.toSenderJson(seesDeactivated))
          .put("notRead", new JsonArray(page)).put("next", more ? page.get(page.size() - 1).getString("id") : null);
      }));
  }

  /** {@code {recipients, delivered, read, acknowledged}}. */
  static Future<JsonObject> counts(SqlClient sql, long announcementId) {
    return AnnouncementRepository.stats(sql, announcementId).map(counts -> new JsonObject()
      .put("recipients", counts.getLong("recipients")).put("delivered", counts.getLong("delivered"))
      .put("read", counts.getLong("read")).put("acknowledged", counts.getLong("acknowledged")));
  }
}
