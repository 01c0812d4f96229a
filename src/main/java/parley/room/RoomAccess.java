package parley.room;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import parley.bus.ApiError;
import parley.bus.Caller;

/** The room as the caller sees it, or the error that says why they cannot. */
final class RoomAccess {

  private RoomAccess() {
  }

  /** {@code 404 room_not_found} when the room is not in the caller's tenant. */
  static Future<RoomRepository.Seen> seen(SqlClient sql, Caller caller, long roomId) {
    return RoomRepository.find(sql, caller.tenantId(), roomId, caller.userId())
      .compose(seen -> seen == null ? Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception()) : Future.succeededFuture(seen));
  }

  /**
   * As {@link #seen}, and {@code 404 room_not_found} too for a private room the caller is not in: to an outsider a
   * private room does not exist ({@code 403} would say that it does).
   */
  static Future<RoomRepository.Seen> visible(SqlClient sql, Caller caller, long roomId) {
    return seen(sql, caller, roomId).compose(seen -> seen.member() || !seen.room().isPrivate()
      ? Future.succeededFuture(seen)
      : Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception()));
  }

  /** As {@link #seen}, and {@code 403 not_a_channel} for a DM or group: what only channels allow. */
  static Future<RoomRepository.Seen> channel(SqlClient sql, Caller caller, long roomId) {
    return seen(sql, caller, roomId).compose(seen -> seen.room().isChannel()
      ? Future.succeededFuture(seen)
      : Future.failedFuture(ApiError.NOT_A_CHANNEL.exception()));
  }

  /** As {@link #seen}, and {@code 403 not_a_member} unless the caller is in the room. */
  static Future<Room> asMember(SqlClient sql, Caller caller, long roomId) {
    return seen(sql, caller, roomId).compose(seen -> seen.member()
      ? Future.succeededFuture(seen.room())
      : Future.failedFuture(ApiError.NOT_A_MEMBER.exception()));
  }
}
