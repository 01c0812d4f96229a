package parley.room;

import io.vertx.core.Future;
import parley.bus.ApiError;

/** What someone may do with a room, as {@link RoomMembers} decides it. */
public enum Access {
  /** No such room in the asker's tenant. */
  NO_ROOM,
  NOT_MEMBER,
  MEMBER;

  /** Succeeds for a member; else fails with {@code 404 room_not_found} or {@code 403 not_a_member}. */
  public Future<Void> required() {
    return switch (this) {
      case NO_ROOM -> Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception());
      case NOT_MEMBER -> Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
      case MEMBER -> Future.succeededFuture();
    };
  }

  /**
   * Succeeds for a member; else fails with {@code 403 not_a_member}, whether or not the room exists: for what is
   * asked of a room one is already in (typing, commands, muting, changing a message), where telling the two apart
   * says nothing the asker needs.
   */
  public Future<Void> requiredMembership() {
    return this == MEMBER ? Future.succeededFuture() : Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
  }
}
