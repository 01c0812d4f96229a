package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlClient;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rooms a node keeps, each with its tenant and members, for {@link RoomMembers}. Safe from any event loop: a
 * room's entry changes only inside {@code rooms.compute} for its id, but for its member set, a concurrent one that
 * events change in place. What a read or a check of PostgreSQL found is kept only if no removal of that room came
 * since it began (its generation is unchanged), so a leave that races a read is never undone by it.
 */
final class KnownRooms {

  /** Rooms kept at most; past that the node starts again from none (each is one query to read again). */
  private static final int MAX_ROOMS = 10_000;
  /** How long a room read is trusted: the most that an event lost between nodes could leave wrong. */
  private static final long TRUSTED_MILLIS = 10 * 60_000;

  /** One room, being read while {@code kept} is null. */
  static final class Known {
    /** Bumped by every removal: what a read or a check began before it is not kept. */
    private volatile long generation;
    private volatile Kept kept;
    /** Set by a read that found no such room. */
    private volatile boolean absent;
    /** Completes once the read has kept what it found, or given up. */
    private final Promise<Void> read = Promise.promise();

    long generation() {
      return generation;
    }

    boolean absent() {
      return absent;
    }

    Future<Void> read() {
      return read.future();
    }

    Kept trusted(long now) {
      Kept current = kept;
      return current != null && now - current.readAt() < TRUSTED_MILLIS ? current : null;
    }

    private boolean expired(long now) {
      return kept != null && trusted(now) == null;
    }
  }

  record Kept(long tenantId, Set<Long> members, long readAt) {
  }

  private final Map<Long, Known> rooms = new ConcurrentHashMap<>();
  /** Runs between a read's query and what it keeps: where a test puts an event that races the read. */
  volatile Function<Set<Long>, Future<Void>> afterRead = roomIds -> Future.succeededFuture();

  Known get(long roomId) {
    return rooms.get(roomId);
  }

  /** The rooms as they are being read: by a read started now, or by one under way already (asked for alongside). */
  Map<Long, Known> read(SqlClient sql, Set<Long> roomIds) {
    if (rooms.size() + roomIds.size() > MAX_ROOMS) {
      rooms.clear();
    }
    long now = System.currentTimeMillis();
    Map<Long, Known> reading = new HashMap<>();
    Map<Long, Known> started = new HashMap<>();
    for (long roomId : roomIds) {
      Known fresh = new Known();
      Known known = rooms.compute(roomId, (id, current) -> current == null || current.expired(now) ? fresh : current);
      reading.put(roomId, known);
      if (known == fresh) {
        started.put(roomId, fresh);
      }
    }
    if (!started.isEmpty()) {
      readRosters(sql, started);
    }
    return reading;
  }

  /** One query for all the rooms; those a removal reached meanwhile are read again, until none did. */
  private void readRosters(SqlClient sql, Map<Long, Known> reading) {
    Map<Long, Long> noted = new HashMap<>();
    reading.forEach((roomId, known) -> noted.put(roomId, known.generation));
    RoomRepository.rosters(sql, reading.keySet())
      .compose(rosters -> afterRead.apply(reading.keySet()).map(rosters))
      .onComplete(read -> {
        if (read.failed()) {
          reading.forEach((roomId, known) -> {
            rooms.remove(roomId, known);
            known.read.tryFail(read.cause());
          });
          return;
        }
        Map<Long, Known> again = new HashMap<>();
        reading.forEach((roomId, known) -> {
          if (keep(roomId, known, noted.get(roomId), read.result().get(roomId))) {
            known.read.tryComplete();
          } else {
            again.put(roomId, known);
          }
        });
        if (!again.isEmpty()) {
          readRosters(sql, again);
        }
      });
  }

  /** Keeps what a read found (a null roster: there is no such room), unless a removal came since it began. */
  private boolean keep(long roomId, Known known, long noted, RoomRepository.Roster roster) {
    boolean[] outdated = {false};
    rooms.computeIfPresent(roomId, (id, current) -> {
      if (current != known) {
        // Deleted or dropped meanwhile: those waiting for it ask again.
        return current;
      }
      if (current.generation != noted) {
        outdated[0] = true;
        return current;
      }
      if (roster == null) {
        current.absent = true;
        return null;
      }
      Set<Long> members = ConcurrentHashMap.newKeySet(roster.members().length);
      Collections.addAll(members, roster.members());
      current.kept = new Kept(roster.tenantId(), members, System.currentTimeMillis());
      return current;
    });
    return !outdated[0];
  }

  /** Keeps a membership PostgreSQL confirmed, unless a removal came since the check began; false when not kept. */
  boolean confirm(long roomId, long userId, Known known, long noted) {
    boolean[] confirmed = {false};
    if (known != null) {
      rooms.computeIfPresent(roomId, (id, current) -> {
        Kept kept = current.kept;
        if (current == known && current.generation == noted && kept != null) {
          kept.members().add(userId);
          confirmed[0] = true;
        }
        return current;
      });
    }
    return confirmed[0];
  }

  /** What PostgreSQL refused: always safe to forget, at worst it costs a check. */
  void forget(long roomId, long userId) {
    rooms.computeIfPresent(roomId, (id, known) -> {
      Kept kept = known.kept;
      if (kept != null) {
        kept.members().remove(userId);
      }
      return known;
    });
  }

  void joined(long roomId, Collection<Long> userIds) {
    rooms.computeIfPresent(roomId, (id, known) -> {
      Kept kept = known.kept;
      if (kept != null) {
        kept.members().addAll(userIds);
      }
      return known;
    });
  }

  void left(long roomId, long userId) {
    rooms.computeIfPresent(roomId, (id, known) -> {
      known.generation++;
      Kept kept = known.kept;
      if (kept != null) {
        kept.members().remove(userId);
      }
      return known;
    });
  }

  void deleted(long roomId) {
    rooms.remove(roomId);
  }

  /** The room's members as kept now, or null when nothing of it is. */
  Set<Long> members(long roomId) {
    Known known = rooms.get(roomId);
    Kept kept = known == null ? null : known.kept;
    return kept == null ? null : Set.copyOf(kept.members());
  }
}
