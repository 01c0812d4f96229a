package parley.loadgen;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * The people and rooms of a scenario, made through the server's own API: {@code people} people in {@code rooms}
 * rooms, each person in {@code roomsPerPerson} of them (person {@code i}'s {@code j}-th room is
 * {@code (i + j * (rooms / roomsPerPerson)) mod rooms}, so every room has the same number of members when
 * {@code rooms} divides {@code people}); each person is given one live connection receiving their rooms, or, for
 * the scenarios that connect from other processes, only their token ({@link #register}).
 */
final class Population {

  static final int PARALLEL = 32;

  final String owner;
  final List<String> roomIds;
  final List<Member> members;

  /** One person: their rooms and their connection. */
  record Member(int index, List<String> roomIds, ChatConnection connection) {

    /** Their first room: the only one when each person is in one room. */
    String roomId() {
      return roomIds.get(0);
    }
  }

  /** One person as made, not connected yet: their token and rooms. */
  record Person(int index, String token, List<String> roomIds) {
  }

  private Population(String owner, List<String> roomIds, List<Member> members) {
    this.owner = owner;
    this.roomIds = roomIds;
    this.members = members;
  }

  /** {@code run}: a short tag that keeps this run's names apart from earlier ones on the same server. */
  static Future<Population> create(ChatTarget target, String run, int rooms, int members) {
    return register(target, run, rooms * members, rooms, 1, PARALLEL)
      .compose(made -> connect(target, made.people(), made.roomIds()).map(connected -> new Population(made.owner(), made.roomIds(), connected)));
  }

  /** What {@link #register} made: the owner's token (a member of every room), the rooms, and everyone else. */
  record Made(String owner, List<String> roomIds, List<Person> people, double seconds) {
  }

  /**
   * The people of a scenario run by a fleet (idle, storm), as its options ask: {@code --rooms-per-person} (5) each,
   * in rooms of about {@code --members} (50) unless {@code --rooms} says how many, {@code --setup-parallel} (64) at a
   * time. Blocking.
   */
  static Made register(ChatTarget target, String run, int people, java.util.Map<String, String> options) {
    int roomsPerPerson = Worker.integer(options, "rooms-per-person", 5);
    int rooms = Worker.integer(options, "rooms", Math.max(roomsPerPerson, people * roomsPerPerson / Worker.integer(options, "members", 50)));
    return register(target, run, people, rooms, roomsPerPerson, Worker.integer(options, "setup-parallel", 64)).await();
  }

  /** Registers everyone and has each join their rooms, {@code parallel} people at a time. */
  static Future<Made> register(ChatTarget target, String run, int people, int rooms, int roomsPerPerson, int parallel) {
    if (roomsPerPerson > rooms) {
      throw new IllegalArgumentException(roomsPerPerson + " rooms per person, but only " + rooms + " rooms");
    }
    long started = System.nanoTime();
    int stride = rooms / roomsPerPerson;
    return target.createUser("own" + run).compose(owner ->
      Batches.run(rooms, PARALLEL, r -> target.createRoom(owner, "r" + run + "-" + r)).compose(roomIds -> {
        Log.say("%d rooms made", rooms);
        return Batches.run(people, parallel, i -> {
            List<String> mine = new ArrayList<>();
            for (int j = 0; j < roomsPerPerson; j++) {
              mine.add(roomIds.get((i + j * stride) % rooms));
            }
            return target.createUser("u" + run + "-" + i).compose(user -> joinAll(target, user, mine).map(new Person(i, user, mine)));
          })
          .map(made -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            Log.say("%d people registered and in their %d rooms each after %.1f s", people, roomsPerPerson, seconds);
            return new Made(owner, roomIds, made, seconds);
          });
      }));
  }

  private static Future<Void> joinAll(ChatTarget target, String user, List<String> roomIds) {
    Future<Void> joined = Future.succeededFuture();
    for (String roomId : roomIds) {
      joined = joined.compose(done -> target.join(user, roomId));
    }
    return joined;
  }

  /** Connects everyone and has each receive their rooms; answers how long that took, in the log. */
  static Future<List<Member>> connect(ChatTarget target, List<Person> people, List<String> roomIds) {
    long started = System.nanoTime();
    return Batches.run(people.size(), 256, i -> target.connect(people.get(i).token()).compose(connection -> {
      List<String> rooms = people.get(i).roomIds();
      return connection.join(rooms.get(0)).map(joined -> new Member(i, rooms, connection));
    })).map(connected -> {
      Log.say("%d connected and receiving their rooms in %.1f s", connected.size(), (System.nanoTime() - started) / 1e9);
      return new ArrayList<>(connected);
    });
  }
}
