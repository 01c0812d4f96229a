package parley.bench;

import parley.bench.BenchRoom.Leg;
import parley.cluster.WireCounter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/** What {@link ClusterBench} prints: latencies of one node against two, and the traffic between the two, as markdown. */
final class DeliveryReport {

  private static final WireCounter.Count NONE = new WireCounter.Count(0, 0);

  private final BenchRoom single;
  private final BenchRoom cluster;

  DeliveryReport(BenchRoom single, BenchRoom cluster) {
    this.single = single;
    this.cluster = cluster;
  }

  /** Percentiles (nearest rank) over a set of deliveries, in nanoseconds. */
  private record Stats(int count, long p50, long p99, long max) {
    static Stats of(List<Long> latencies) {
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
      return sorted[(int) Math.ceil(quantile * sorted.length) - 1];
    }
  }

  void latencies() {
    BiPredicate<LatencyClient, Integer> everyone = (receiver, seq) -> true;
    BiPredicate<LatencyClient, Integer> onA = (receiver, seq) -> receiver.node.equals("A");
    BiPredicate<LatencyClient, Integer> onB = (receiver, seq) -> receiver.node.equals("B");
    BiPredicate<LatencyClient, Integer> local = (receiver, seq) -> receiver.node.equals(cluster.storedOn(seq));
    BiPredicate<LatencyClient, Integer> hop = (receiver, seq) -> !receiver.node.equals(cluster.storedOn(seq));
    Map<String, Long> storedOn = new TreeMap<>();
    cluster.rounds.forEach(range -> {
      for (int seq = range[0]; seq < range[1]; seq++) {
        storedOn.merge(cluster.storedOn(seq), 1L, Long::sum);
      }
    });
    System.out.printf("messages stored (and published) by node: %s; deliveries missing: %d one node, %d two nodes%n",
      storedOn, single.missing, cluster.missing);
    for (int round = 0; round < single.rounds.size(); round++) {
      Stats alone = Stats.of(single.latencies(List.of(single.rounds.get(round)), Leg.FROM_SEND, everyone));
      Stats pair = Stats.of(cluster.latencies(List.of(cluster.rounds.get(round)), Leg.FROM_SEND, everyone));
      System.out.printf("round %d, send → arrival p50 / p99 / max: one node %s / %s / %s, two nodes %s / %s / %s%n", round + 1,
        millis(alone.p50()), millis(alone.p99()), millis(alone.max()), millis(pair.p50()), millis(pair.p99()), millis(pair.max()));
    }
    for (BenchRoom setup : List.of(single, cluster)) {
      Stats stored = Stats.of(setup.storing());
      System.out.printf("%s, send → publish (chat.send storing the message): p50 %s, p99 %s, max %s%n", setup.name,
        millis(stored.p50()), millis(stored.p99()), millis(stored.max()));
    }

    Stats alone = Stats.of(single.latencies(Leg.FROM_SEND, everyone));
    Stats all = Stats.of(cluster.latencies(Leg.FROM_SEND, everyone));
    Stats onOther = Stats.of(cluster.latencies(Leg.FROM_SEND, onB));
    Stats hopped = Stats.of(cluster.latencies(Leg.FROM_SEND, hop));
    Stats aloneFanOut = Stats.of(single.latencies(Leg.FROM_PUBLISH, everyone));
    Stats hopFanOut = Stats.of(cluster.latencies(Leg.FROM_PUBLISH, hop));
    long countOnA = cluster.receivers.stream().filter(receiver -> receiver.node.equals("A")).count();
    System.out.println();
    System.out.println("| setup | receivers | deliveries | send → arrival p50 | p99 | max |");
    System.out.println("|---|---|---|---|---|---|");
    row("one node", "all " + single.receivers.size(), alone);
    row("two nodes", countOnA + " on A, the sender's node", Stats.of(cluster.latencies(Leg.FROM_SEND, onA)));
    row("two nodes", (cluster.receivers.size() - countOnA) + " on B, the other node", onOther);
    row("two nodes", "all " + cluster.receivers.size(), all);
    row("two nodes", "on the node that stored the message", Stats.of(cluster.latencies(Leg.FROM_SEND, local)));
    row("two nodes", "on the other node (one cluster hop)", hopped);
    System.out.println();
    System.out.println("| setup | receivers | deliveries | publish → arrival p50 | p99 | max |");
    System.out.println("|---|---|---|---|---|---|");
    row("one node", "all " + single.receivers.size(), aloneFanOut);
    row("two nodes", "on the node that stored the message", Stats.of(cluster.latencies(Leg.FROM_PUBLISH, local)));
    row("two nodes", "on the other node (one cluster hop)", hopFanOut);
    System.out.println();
    System.out.println("| two nodes / one node | p50 | p99 |");
    System.out.println("|---|---|---|");
    ratio("send → arrival, all receivers", all, alone);
    ratio("send → arrival, receivers on B", onOther, alone);
    ratio("send → arrival, one cluster hop", hopped, alone);
    ratio("publish → arrival, one cluster hop", hopFanOut, aloneFanOut);
  }

  /** What each node wrote to the other, by kind of address, per chat message sent. */
  static void traffic(Map<String, WireCounter.Count> aToB, Map<String, WireCounter.Count> bToA, int messages) {
    System.out.println();
    System.out.println("| cluster traffic per chat message | messages | bytes |");
    System.out.println("|---|---|---|");
    total("A → B, all addresses", aToB, messages, null);
    total("B → A, all addresses", bToA, messages, null);
    total("A → B, room.<id>", aToB, messages, "room.<id>");
    total("B → A, room.<id>", bToA, messages, "room.<id>");
    System.out.println();
    System.out.println("by address, per chat message (A → B | B → A):");
    TreeSet<String> kinds = new TreeSet<>(aToB.keySet());
    kinds.addAll(bToA.keySet());
    for (String kind : kinds) {
      WireCounter.Count ab = aToB.getOrDefault(kind, NONE);
      WireCounter.Count ba = bToA.getOrDefault(kind, NONE);
      System.out.printf("  %-28s %6.2f msg %8.1f B | %6.2f msg %8.1f B%n", kind, (double) ab.messages() / messages,
        (double) ab.bytes() / messages, (double) ba.messages() / messages, (double) ba.bytes() / messages);
    }
  }

  private static void row(String setup, String receivers, Stats stats) {
    System.out.printf("| %s | %s | %,d | %s | %s | %s |%n", setup, receivers, stats.count(), millis(stats.p50()), millis(stats.p99()),
      millis(stats.max()));
  }

  private static void ratio(String which, Stats cluster, Stats alone) {
    System.out.printf("| %s | %.2f | %.2f |%n", which, (double) cluster.p50() / alone.p50(), (double) cluster.p99() / alone.p99());
  }

  private static void total(String what, Map<String, WireCounter.Count> written, int messages, String only) {
    WireCounter.Count sum = written.entrySet().stream().filter(entry -> only == null || entry.getKey().equals(only))
      .map(Map.Entry::getValue).reduce(NONE, WireCounter.Count::plus);
    System.out.printf("| %s | %.2f | %,.0f |%n", what, (double) sum.messages() / messages, (double) sum.bytes() / messages);
  }

  private static String millis(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
