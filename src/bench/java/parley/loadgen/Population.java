package parley.loadgen;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * The people and rooms of a scenario, made through the server's own API: {@code rooms} rooms of {@code members}
 * each, every person in one room (person {@code i} in room {@code i % rooms}), each with one live connection that
 * receives their room.
 */
final class Population {

  private static final int PARALLEL = 32;

  final String owner;
  final List<String> roomIds;
  final List<Member> members;

  /** One person: their room and their connection. */
  record Member(int index, String roomId, ChatConnection connection) {
  }

  private Population(String owner, List<String> roomIds, List<Member> members) {
    this.owner = owner;
    this.roomIds = roomIds;
    this.members = members;
  }

  /** {@code run}: a short tag that keeps this run's names apart from earlier ones on the same server. */
  static Future<Population> create(ChatTarget target, String run, int rooms, int members) {
    int people = rooms * members;
    long started = System.nanoTime();
    return target.createUser("own" + run).compose(owner ->
      Batches.run(rooms, PARALLEL, r -> target.createRoom(owner, "r" + run + "-" + r)).compose(roomIds -> {
        Log.say("%d rooms made", rooms);
        return Batches.run(people, PARALLEL, i -> target.createUser("u" + run + "-" + i)
            .compose(user -> target.join(user, roomIds.get(i % rooms)).map(user)))
          .compose(users -> {
            Log.say("%d people registered and in their rooms after %.1f s", people, (System.nanoTime() - started) / 1e9);
            return connect(target, users, roomIds);
          })
          .map(connected -> new Population(owner, roomIds, connected));
      }));
  }

  /** Connects everyone and has each receive their room; answers how long that took, in the log. */
  static Future<List<Member>> connect(ChatTarget target, List<String> users, List<String> roomIds) {
    long started = System.nanoTime();
    return Batches.run(users.size(), 256, i -> target.connect(users.get(i)).compose(connection -> {
      String roomId = roomIds.get(i % roomIds.size());
      return connection.join(roomId).map(joined -> new Member(i, roomId, connection));
    })).map(connected -> {
      Log.say("%d connected and receiving their rooms in %.1f s", connected.size(), (System.nanoTime() - started) / 1e9);
      return new ArrayList<>(connected);
    });
  }
}
