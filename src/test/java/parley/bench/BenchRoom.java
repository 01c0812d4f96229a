package parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiPredicate;

/**
 * One setup under test: a room, its sender and receivers, and where and when each message was published. Messages
 * are numbered from 0 across warm-up and rounds; only the measured rounds count.
 */
final class BenchRoom {

  static final long PACE_NANOS = 20_000_000;

  /** Where and when a message was published to its room: on the node that stored it, once stored. */
  record Publication(String node, long at) {
  }

  /** What a latency is measured from: the sender's write, or the publish on the node that stored the message. */
  enum Leg {
    FROM_SEND, FROM_PUBLISH
  }

  final String name;
  final String roomId;
  final LatencyClient sender;
  final List<LatencyClient> receivers;
  private final Map<Integer, Publication> published;
  /** The measured rounds, as ranges of message numbers {@code [from, to)}. */
  final List<int[]> rounds = new ArrayList<>();
  int missing;
  private int next;

  BenchRoom(String name, String roomId, LatencyClient sender, List<LatencyClient> receivers, Map<Integer, Publication> published) {
    this.name = name;
    this.roomId = roomId;
    this.sender = sender;
    this.receivers = receivers;
    this.published = published;
  }

  /** Sends {@code count} messages at a steady pace, then waits until every receiver has them all. */
  void drive(int count, boolean measured) {
    int from = next;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * PACE_NANOS;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      sender.send(roomId, next++);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (receivers.stream().anyMatch(receiver -> receiver.arrived() < next) && System.currentTimeMillis() < deadline) {
      LockSupport.parkNanos(5_000_000);
    }
    int late = receivers.stream().mapToInt(receiver -> next - receiver.arrived()).sum();
    if (late > 0 || sender.refused() > 0) {
      System.out.printf("%s: %d deliveries missing after 30 s, %d sends refused%n", name, late, sender.refused());
    }
    if (measured) {
      rounds.add(new int[] {from, next});
      missing += late;
    }
  }

  /** The node that stored message {@code seq}, or "?" if it was never published. */
  String storedOn(int seq) {
    Publication publication = published.get(seq);
    return publication == null ? "?" : publication.node();
  }

  /** Latencies of the deliveries in all measured rounds that {@code which} picks, in nanoseconds. */
  List<Long> latencies(Leg leg, BiPredicate<LatencyClient, Integer> which) {
    return latencies(rounds, leg, which);
  }

  /** As {@link #latencies(Leg, BiPredicate)}, in the given rounds only. */
  List<Long> latencies(List<int[]> ranges, Leg leg, BiPredicate<LatencyClient, Integer> which) {
    List<Long> latencies = new ArrayList<>();
    for (int[] range : ranges) {
      for (LatencyClient receiver : receivers) {
        for (int seq = range[0]; seq < range[1]; seq++) {
          if (receiver.latency(seq) >= 0 && which.test(receiver, seq)) {
            latencies.add(leg == Leg.FROM_SEND ? receiver.latency(seq) : receiver.arrival(seq) - published.get(seq).at());
          }
        }
      }
    }
    return latencies;
  }

  /** From the sender's write to the publish (chat.send storing the message), once per message. */
  List<Long> storing() {
    LatencyClient first = receivers.get(0);
    List<Long> latencies = new ArrayList<>();
    for (int[] range : rounds) {
      for (int seq = range[0]; seq < range[1]; seq++) {
        if (first.latency(seq) >= 0) {
          latencies.add(published.get(seq).at() - (first.arrival(seq) - first.latency(seq)));
        }
      }
    }
    return latencies;
  }
}
