package parley.room;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** For tests of what waits for a membership check: each read of a room a node does not know takes longer. */
public final class SlowRoomReads {

  private SlowRoomReads() {
  }

  public static void on(Vertx vertx, long extraMillis) {
    RoomMembers.of(vertx).known.afterRead = roomIds -> {
      Promise<Void> later = Promise.promise();
      vertx.setTimer(extraMillis, tick -> later.complete());
      return later.future();
    };
  }
}
